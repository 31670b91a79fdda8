// Progressive enhancements: every page works without them.
(function () {
  function csrf() {
    var m = document.cookie.match(/(?:^|; )crm_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  // search as you type: the list below the filters is reloaded from the same page
  document.querySelectorAll('[data-live-search]').forEach(function (input) {
    var target = document.querySelector(input.getAttribute('data-live-search'));
    var timer;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var form = input.form;
        var url = form.action + '?' + new URLSearchParams(new FormData(form)).toString();
        fetch(url, {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.querySelector(input.getAttribute('data-live-search'));
          if (fresh && target) { target.innerHTML = fresh.innerHTML; }
          history.replaceState(null, '', url);
        });
      }, 250);
    });
  });

  // the segment builder counts its recipients as it changes
  document.querySelectorAll('[data-segment-count]').forEach(function (fieldset) {
    var out = document.querySelector(fieldset.getAttribute('data-segment-count'));
    function list(name) {
      var input = fieldset.querySelector('[name="' + name + '"]');
      return input && input.value ? input.value.split(',').map(function (s) { return s.trim(); }).filter(Boolean) : [];
    }
    function count() {
      var segment = {};
      var statuses = Array.prototype.map.call(fieldset.querySelectorAll('[name="companyStatus"]:checked'), function (c) { return c.value; });
      if (statuses.length) { segment.companyStatus = statuses; }
      if (list('tags').length) { segment.tags = list('tags'); }
      if (list('departments').length) { segment.departments = list('departments'); }
      fetch('/api/segments/preview', {method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf()}, body: JSON.stringify({segment: segment})})
        .then(function (r) { return r.json(); })
        .then(function (j) { out.textContent = j.count !== undefined ? j.count : (j.detail || '–'); });
    }
    var timer;
    function later() { clearTimeout(timer); timer = setTimeout(count, 250); }
    fieldset.addEventListener('change', later);
    fieldset.addEventListener('input', later);
    count();
  });

  // irreversible actions ask first
  document.querySelectorAll('[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (e) {
      if (!window.confirm(button.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  });

  // uploads show their progress
  var importForm = document.getElementById('import-form');
  if (importForm && window.XMLHttpRequest) {
    importForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var bar = document.getElementById('upload-progress');
      bar.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', importForm.action);
      xhr.upload.onprogress = function (p) { if (p.lengthComputable) { bar.value = p.loaded * 100 / p.total; } };
      xhr.onload = function () {
        if (xhr.status >= 400) {
          // the server answered the form again with the reason beside the field: show that page
          document.open();
          document.write(xhr.responseText);
          document.close();
        } else {
          window.location = xhr.responseURL;
        }
      };
      xhr.onerror = function () { bar.hidden = true; importForm.submit(); };
      xhr.send(new FormData(importForm));
    });
  }
})();

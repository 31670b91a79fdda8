/** Who may call an API route: roles and the annotations that declare them. */
package org.ffmas.crm.api.access;

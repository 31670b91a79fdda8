-- Audit details keep before/after values of whole records (notes included): 2000 characters were too few.
ALTER TABLE audit_log MODIFY details MEDIUMTEXT NULL;

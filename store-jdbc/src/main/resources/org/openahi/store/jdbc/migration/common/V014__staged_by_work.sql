-- An import job stages each file as it reads it; a node taking the job over finds what it staged by its work id.
CREATE INDEX staged_instance_by_work ON staged_instance (work_id);

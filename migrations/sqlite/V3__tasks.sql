-- Agent deletion nulls tasks.assigned_to through the foreign key, and GET /api/tasks filters by
-- assignee: without this index both scan every task.
CREATE INDEX idx_tasks_assigned_to ON tasks(assigned_to);

-- Agent views count tasks per assignee, and deleting an agent nulls tasks.assigned_to through
-- its foreign key: both scan the whole tasks table without this index.
CREATE INDEX IF NOT EXISTS idx_tasks_assigned_to ON tasks(assigned_to);

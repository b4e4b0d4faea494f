-- One owner with 5 boards holding :N tasks (status mix, ~300-character descriptions), two actions
-- per task, a message on every fifth, a dependency on every tenth, a machine, a worker and a
-- leader with a session: the shape of an original's database, in its formats (ids, ISO times).
BEGIN;
INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt, role, banned)
VALUES ('BenchUser00000000000000000000001', 'Bench Owner', 'owner@example.com', 0,
        '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z', 'user', 0);
INSERT INTO repositories (id, owner_id, name, url, created_at)
VALUES ('repo0001', 'BenchUser00000000000000000000001', 'api', 'https://github.com/acme/api', '2026-01-05T08:00:00.000Z');
WITH RECURSIVE b(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM b WHERE i < 5)
INSERT INTO boards (id, owner_id, name, created_at, updated_at, task_seq, type)
SELECT printf('board%03d', i), 'BenchUser00000000000000000000001', 'Board ' || i,
       '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z', (:N + 5 - i) / 5, 'dev' FROM b;
INSERT INTO machines (id, owner_id, name, status, runtimes, created_at, device_id)
VALUES ('mach0001', 'BenchUser00000000000000000000001', 'bench', 'offline', '["Claude Code"]', '2026-01-05T08:00:00.000Z', '00000000000000aa');
INSERT INTO agentHost (id, name, userId, status, createdAt, updatedAt)
VALUES ('mach0001', 'bench', 'BenchUser00000000000000000000001', 'active', '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z');
INSERT INTO agents (id, owner_id, name, kind, runtime, public_key, private_key, fingerprint, created_at, updated_at, username)
VALUES ('00000000000000a1', 'BenchUser00000000000000000000001', 'worker', 'worker', 'claude', 'x', '{}', printf('%040d', 1),
        '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z', 'bench-worker'),
       ('00000000000000a2', 'BenchUser00000000000000000000001', 'leader', 'leader', 'claude', 'x', '{}', printf('%040d', 2),
        '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z', 'bench-leader');
INSERT INTO agent_sessions (id, agent_id, machine_id, status, public_key, delegation_proof, created_at)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000000000a1', 'mach0001', 'active', 'x', 'x', '2026-01-05T08:00:00.000Z');
WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < :N - 1)
INSERT INTO tasks (id, board_id, status, title, description, repository_id, labels, priority, created_by, assigned_to,
                   position, created_at, updated_at, seq)
SELECT printf('task%08d', i), printf('board%03d', i % 5 + 1),
       CASE i % 4 WHEN 0 THEN 'todo' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'in_review' ELSE 'done' END,
       'Task number ' || i, substr(replace(hex(zeroblob(150)), '00', 'lorem ipsum '), 1, 300), 'repo0001',
       '["bench"]', 'medium', '00000000000000a2', CASE WHEN i % 4 = 0 THEN NULL ELSE '00000000000000a1' END,
       i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-05T08:00:00', '+' || i || ' seconds'),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-05T08:00:00', '+' || i || ' seconds'), i / 5 + 1 FROM t;
INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at)
SELECT 'c' || substr(id, 2), id, 'agent:leader', '00000000000000a2', 'created', created_at FROM tasks;
INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at, session_id)
SELECT 'l' || substr(id, 2), id, 'agent:worker', '00000000000000a1', 'claimed', created_at,
       '00000000-0000-4000-8000-000000000001' FROM tasks WHERE status != 'todo';
INSERT INTO messages (id, task_id, sender_type, sender_id, content, created_at)
SELECT 'm' || substr(id, 2), id, 'user', 'BenchUser00000000000000000000001', 'how is it going?', created_at
FROM tasks WHERE CAST(substr(id, 5) AS INTEGER) % 5 = 0;
INSERT INTO task_dependencies (task_id, depends_on)
SELECT id, printf('task%08d', CAST(substr(id, 5) AS INTEGER) - 5) FROM tasks
WHERE CAST(substr(id, 5) AS INTEGER) % 10 = 5;
COMMIT;

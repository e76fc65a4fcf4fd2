-- Fragment earlierTask: the idempotency check of a keyed fire. Claims `key` for `id` with SET NX PX, so the first
-- fire of a key wins and a repeat (in this call or any other, from any node: a script runs alone) learns that task.
-- Returns nil when `key` is '' (an unkeyed fire: no command at all) or was free (now it names `id`), else the earlier
-- task's id and due time {id, dueAt} ('' when its hash is gone, e.g. deleted by an operator, or its key is not a
-- hash: a damaged first task must not fail every repeat of its key).
local function earlierTask(key, id, keyTtlMs, taskPrefix)
  if key == '' or redis.call('SET', key, id, 'NX', 'PX', keyTtlMs) then
    return nil
  end
  local first = redis.call('GET', key)
  local ok, due = pcall(redis.call, 'HGET', taskPrefix .. first, 'due_at')
  return {first, (ok and due) or ''}
end

-- Fragment storeTask: writes a new task's hash in ONE HSET and puts the task in `ready` (XADD, due now) or in
-- `delayed` (ZADD, due later). Returns true when it went to `delayed` (the caller publishes the wake).
-- No EXISTS guard: ids are monotonic ULIDs minted by the firing call (48-bit ms + 80 random bits), never reused, and
-- no code path enqueues an id twice; the guard cost one command per task for a case that does not happen.
local function storeTask(readyKey, delayedKey, taskKey, id, name, subject, envelope, enqueuedAt, dueAt, maxAttempts,
                         now)
  local fields = {'envelope', envelope, 'task', name, 'attempts', 0, 'max_attempts', maxAttempts,
    'enqueued_at', enqueuedAt, 'due_at', dueAt}
  if subject ~= '' then
    fields[#fields + 1] = 'subject'
    fields[#fields + 1] = subject
  end
  local later = tonumber(dueAt) > tonumber(now)
  if later then
    redis.call('ZADD', delayedKey, dueAt, id)
    fields[#fields + 1] = 'state'
    fields[#fields + 1] = 'delayed'
  else
    -- the entry id comes first so the hash names its owning entry in the same single HSET
    local entry = redis.call('XADD', readyKey, '*', 'id', id)
    fields[#fields + 1] = 'state'
    fields[#fields + 1] = 'queued'
    fields[#fields + 1] = 'entry'
    fields[#fields + 1] = entry
  end
  redis.call('HSET', taskKey, unpack(fields)) -- at most 16 values
  return later
end

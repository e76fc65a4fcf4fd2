-- release: hands claimed deliveries that never started back to the queue at once (a stopping node), instead of
-- leaving them to the recoverer after a lease: each goes back to `ready` as a fresh entry, its attempt uncounted.
-- KEYS[1] ready  STREAM  <prefix>:{<queue>}:ready
-- ARGV[1] consumer group
-- ARGV[2] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[3], ARGV[4], ... pairs of (stream entry id of the claim, task id)
-- Returns how many tasks went back to `ready`. A delivery the task no longer names (or a task not running) is only
-- acked and deleted. A damaged task (a key that is not a hash, or a queued or running hash without its entry) is not
-- counted: it gets a fresh entry as it is, and the claim that reads it buries it with the reason; it neither aborts
-- the hand-back of the others nor leaves the stream without a record.
--@include readTask
local released = 0
for i = 3, #ARGV, 2 do
  local entryId, taskKey = ARGV[i], ARGV[2] .. ARGV[i + 1]
  redis.call('XACK', KEYS[1], ARGV[1], entryId)
  redis.call('XDEL', KEYS[1], entryId)
  local h, damaged = readTask(taskKey)
  if damaged then
    handToClaim(KEYS[1], ARGV[i + 1])
  elseif h[2] == entryId and h[1] == 'running' then
    local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[i + 1])
    redis.call('HSET', taskKey, 'state', 'queued', 'entry', entry)
    redis.call('HINCRBY', taskKey, 'attempts', -1)
    redis.call('HDEL', taskKey, 'started_at')
    released = released + 1
  end
end
return released

-- deleteDead: an operator deletes one dead task: its id leaves `dead` and its hash is deleted.
-- KEYS[1] dead  ZSET  <prefix>:{<queue>}:dead
-- KEYS[2] task  HASH  <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] task id
-- Returns 1 deleted (or an id whose hash had already expired, removed from `dead`); 0 no such task; -1 the task is
-- not dead (it is left alone)
local state = redis.call('HGET', KEYS[2], 'state')
if state and state ~= 'dead' then
  return -1
end
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if state then
  redis.call('DEL', KEYS[2])
  return 1
end
return removed

-- deleteDead: an operator deletes one dead task: its id leaves `dead` and its hash is deleted.
-- KEYS[1] dead  ZSET  <prefix>:{<queue>}:dead
-- KEYS[2] task  HASH  <prefix>:{<queue>}:task:<id>  (same hash tag, so Cluster-safe)
-- ARGV[1] task id
-- Returns 1 deleted (or an id whose hash had already expired, removed from `dead`); 0 no such task; -1 the task is
-- not dead (it is left alone). A key that is not a hash (damaged) counts as dead when its id is in `dead`, else as
-- not dead.
local ok, state = pcall(redis.call, 'HGET', KEYS[2], 'state')
if not ok then
  state = redis.call('ZSCORE', KEYS[1], ARGV[1]) and 'dead' or 'damaged'
end
if state and state ~= 'dead' then
  return -1
end
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if state then
  redis.call('DEL', KEYS[2])
  return 1
end
return removed

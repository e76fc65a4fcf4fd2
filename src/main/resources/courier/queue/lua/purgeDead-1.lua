-- purgeDead: an operator empties a queue's dead set, one bounded step at a time: deletes up to a limit of the tasks
-- buried at or before a given time (the moment the purge began, so tasks buried meanwhile do not keep it going).
-- KEYS[1] dead  ZSET  <prefix>:{<queue>}:dead
-- ARGV[1] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- ARGV[2] buried at or before this time (epoch ms)
-- ARGV[3] at most this many tasks per call
-- Returns {deleted, more}: how many ids left `dead` in this call, and 1 if more such ids remain (call again), else 0.
-- A hash whose state is not dead (it should not be in `dead`) is left alone; only its id leaves `dead`. A key that is
-- not a hash (damaged) is deleted with its id, so a purge never stops at it.
local limit = tonumber(ARGV[3])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
  local taskKey = ARGV[1] .. id
  local ok, state = pcall(redis.call, 'HGET', taskKey, 'state')
  if not ok or not state or state == 'dead' then
    redis.call('DEL', taskKey)
  end
  redis.call('ZREM', KEYS[1], id)
end
local more = 0
if #ids == limit and #redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, 1) > 0 then
  more = 1
end
return {#ids, more}

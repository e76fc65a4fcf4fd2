-- promoteDue: moves tasks whose due time has come from `delayed` to `ready` as fresh stream entries.
-- KEYS[1] ready    STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed  ZSET    <prefix>:{<queue>}:delayed
-- ARGV[1] now (epoch ms)
-- ARGV[2] at most this many tasks per call
-- ARGV[3] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- Returns the earliest due time still in `delayed` (epoch ms), or -1 if it is empty.
-- A task whose hash vanished is still added to `ready`: claim will bury it, so it is never dropped silently.
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[2], id)
  local entry = redis.call('XADD', KEYS[1], '*', 'id', id)
  local taskKey = ARGV[3] .. id
  if redis.call('EXISTS', taskKey) == 1 then
    redis.call('HSET', taskKey, 'state', 'queued', 'entry', entry)
  end
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if #nextDue == 0 then
  return -1
end
return tonumber(nextDue[2])

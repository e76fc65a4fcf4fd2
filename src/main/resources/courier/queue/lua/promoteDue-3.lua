-- promoteDue: moves tasks whose due time has come from `delayed` and `retrying` to `ready` as fresh stream entries.
-- KEYS[1] ready     STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed   ZSET    <prefix>:{<queue>}:delayed (delayed fires)
-- KEYS[3] retrying  ZSET    <prefix>:{<queue>}:retrying (next attempts of failed tasks)
-- ARGV[1] now (epoch ms)
-- ARGV[2] at most this many tasks per call, from both sets together
-- ARGV[3] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- Returns the earliest due time still in either set (epoch ms), or -1 if both are empty.
-- A task whose hash vanished is still added to `ready`: claim will bury it, so it is never dropped silently.
local left = tonumber(ARGV[2])
local function promote(set)
  if left <= 0 then
    return
  end
  local due = redis.call('ZRANGEBYSCORE', set, '-inf', ARGV[1], 'LIMIT', 0, left)
  for _, id in ipairs(due) do
    redis.call('ZREM', set, id)
    local entry = redis.call('XADD', KEYS[1], '*', 'id', id)
    local taskKey = ARGV[3] .. id
    if redis.call('EXISTS', taskKey) == 1 then
      redis.call('HSET', taskKey, 'state', 'queued', 'entry', entry)
    end
  end
  left = left - #due
end
promote(KEYS[2])
promote(KEYS[3])
local nextDue = -1
for _, set in ipairs({KEYS[2], KEYS[3]}) do
  local first = redis.call('ZRANGE', set, 0, 0, 'WITHSCORES')
  if #first > 0 and (nextDue < 0 or tonumber(first[2]) < nextDue) then
    nextDue = tonumber(first[2])
  end
end
return nextDue

-- promoteDue: moves tasks whose due time has come from `delayed` and `retrying` to `ready` as fresh stream entries.
-- "Has come" is judged by Redis's clock (TIME), as lease expiry is in reclaimExpired: every node promotes the same
-- tasks at the same moment, however far its own clock is off. (TIME before writes is allowed: scripts replicate
-- their effects, the default since Redis 5 and the only mode since 7; Courier needs 6.2.)
-- KEYS[1] ready     STREAM  <prefix>:{<queue>}:ready
-- KEYS[2] delayed   ZSET    <prefix>:{<queue>}:delayed (delayed fires)
-- KEYS[3] retrying  ZSET    <prefix>:{<queue>}:retrying (next attempts of failed tasks)
-- ARGV[1] the caller's clock (epoch ms): decides nothing, only expresses the answer in the caller's time
-- ARGV[2] at most this many tasks per call, from both sets together
-- ARGV[3] task hash prefix <prefix>:{<queue>}:task: ; task keys are built here from it, and they carry the
--         same hash tag as KEYS, so this stays Cluster-safe although they are not declared in KEYS
-- Returns the earliest due time still in either set, moved into the caller's clock (due - Redis's now + ARGV[1]), so
-- that a timer the caller arms at it waits as long as Redis's clock needs, even when the caller's clock is off;
-- or -1 if both sets are empty.
-- A task whose hash vanished is still added to `ready`, and so is one whose key is not a hash (left as it is): claim
-- will bury it, so it is never dropped silently, and it never aborts the promotion of the others.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local left = tonumber(ARGV[2])
local function promote(set)
  if left <= 0 then
    return
  end
  local due = redis.call('ZRANGEBYSCORE', set, '-inf', now, 'LIMIT', 0, left)
  for _, id in ipairs(due) do
    redis.call('ZREM', set, id)
    local entry = redis.call('XADD', KEYS[1], '*', 'id', id)
    local taskKey = ARGV[3] .. id
    if redis.call('EXISTS', taskKey) == 1 then
      pcall(redis.call, 'HSET', taskKey, 'state', 'queued', 'entry', entry) -- fails only on a key that is not a hash
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
if nextDue < 0 then
  return -1
end
return nextDue - now + tonumber(ARGV[1])

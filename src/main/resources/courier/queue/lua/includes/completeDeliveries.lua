-- Fragment completeDeliveries: acknowledges finished deliveries (ARGV[from], ARGV[from+1], ... pairs of entry id and
-- task id) and marks each task succeeded if that delivery still owns it; the hash then expires after the retention.
-- Returns one number per pair, in order: 1 marked succeeded, 0 another delivery owns the task (untouched).
local function completeDeliveries(readyKey, group, now, retention, taskPrefix, from)
  local out = {}
  if #ARGV < from then
    return out
  end
  local entries = {}
  for i = from, #ARGV, 2 do
    entries[#entries + 1] = ARGV[i]
  end
  redis.call('XACK', readyKey, group, unpack(entries))
  redis.call('XDEL', readyKey, unpack(entries))
  for i = from, #ARGV, 2 do
    local taskKey = taskPrefix .. ARGV[i + 1]
    if redis.call('HGET', taskKey, 'entry') == ARGV[i] then
      redis.call('HSET', taskKey, 'state', 'succeeded', 'finished_at', now)
      redis.call('PEXPIRE', taskKey, retention)
      out[#out + 1] = 1
    else
      out[#out + 1] = 0
    end
  end
  return out
end

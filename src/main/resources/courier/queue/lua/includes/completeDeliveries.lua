-- Fragment completeDeliveries: acknowledges finished deliveries (ARGV[from], ARGV[from+1], ...) and marks each task
-- succeeded if that delivery still owns it; the hash then expires after the retention. Each delivery is a pair
-- (entry id, task id), or a triple whose entry id is marked: (+entry id, task id, result JSON) stores the task's
-- result in `result`, (!entry id, task id, reason) stores why it was not stored in `result_error`. The mark costs
-- nothing to tasks without a result, and cannot be mistaken: a stream entry id starts with a digit.
-- Returns one number per delivery, in order: 1 marked succeeded, 0 another delivery owns the task (untouched).
-- A damaged task (includes/readTask) answers 0 and gets a fresh entry, for claim to bury it with the reason.
-- Needs the fragments batches and readTask spliced before it.
local function completeDeliveries(readyKey, group, now, retention, taskPrefix, from)
  local out = {}
  if #ARGV < from then
    return out
  end
  local entries, ids, fields, values = {}, {}, {}, {}
  local i = from
  while i <= #ARGV do
    local n = #entries + 1
    local mark = string.byte(ARGV[i], 1)
    ids[n] = ARGV[i + 1]
    if mark == 43 or mark == 33 then -- '+' or '!'
      entries[n] = string.sub(ARGV[i], 2)
      fields[n] = mark == 43 and 'result' or 'result_error'
      values[n] = ARGV[i + 2]
      i = i + 3
    else
      entries[n] = ARGV[i]
      i = i + 2
    end
  end
  inBatches('XACK', readyKey, group, entries) -- in slices: the caller bounds a batch, but no unpack trusts it
  inBatches('XDEL', readyKey, nil, entries)
  for n = 1, #entries do
    local taskKey = taskPrefix .. ids[n]
    -- a damaged task (not a hash, or no entry) must not abort the script after the acks above, which would leave the
    -- rest of the batch running with no delivery: it counts as not owned, and goes to claim to be buried
    local h, damaged = readTask(taskKey)
    if damaged then
      handToClaim(readyKey, ids[n])
      out[n] = 0
    elseif h[2] == entries[n] then
      if fields[n] then
        redis.call('HSET', taskKey, 'state', 'succeeded', 'finished_at', now, fields[n], values[n])
      else
        redis.call('HSET', taskKey, 'state', 'succeeded', 'finished_at', now)
      end
      redis.call('PEXPIRE', taskKey, retention)
      out[n] = 1
    else
      out[n] = 0
    end
  end
  return out
end

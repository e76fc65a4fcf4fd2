-- Fragment batches: one Redis command over a list of values of any length, sent in slices of at most BATCH values.
-- Lua's `unpack` puts every value on the C stack, which holds about 8,000 (LUAI_MAXCSTACK): one unpack of a longer
-- list fails the whole script ("too many results to unpack") after the writes it already made (BullMQ batches the
-- same way, includes/batches.lua). Every `unpack` of a list whose length the caller chooses goes through here.
local BATCH = 1000
-- runs `command key [lead] v1 v2 ...` once per slice of `values` (lead: e.g. the group of XACK; nil for none)
local function inBatches(command, key, lead, values)
  for from = 1, #values, BATCH do
    local to = math.min(from + BATCH - 1, #values)
    if lead then
      redis.call(command, key, lead, unpack(values, from, to))
    else
      redis.call(command, key, unpack(values, from, to))
    end
  end
end

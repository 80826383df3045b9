-- Applies one order to the projected totals exactly once. KEYS[1] applied hash (order id -> the deltas
-- added, kept for its reversal); KEYS[2..] the bucket hashes. ARGV[1] order id, ARGV[2] the deltas as
-- json, then triples (bucket index into KEYS, field, integer delta). The guard and the counters change
-- in this one script, so a crash, a replay or a second projector can never count an order twice.
-- Money is integer minor units: HINCRBY, never HINCRBYFLOAT.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
for i = 3, #ARGV, 3 do
  redis.call('HINCRBY', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2])
end
return 1

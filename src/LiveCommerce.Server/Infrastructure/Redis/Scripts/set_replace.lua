-- Replaces a set's members at once, so readers never see it half-written. KEYS[1] set; ARGV members.
redis.call('DEL', KEYS[1])
for i = 1, #ARGV, 500 do
  redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
return #ARGV

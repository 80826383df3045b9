-- Shared by every flash-sale script (prepended at load). All keys share the hash tag {sale:ID}:
-- KEYS[1] sale hash (json, kind, qty, stock, sold, held, limit, holdMs, startsAt, endsAt, cancelled, nexthold)
-- KEYS[2] holds zset (hold id -> expiry ms), KEYS[3] hold records (id -> json), KEYS[4] units per buyer (held + bought)
-- KEYS[5] reserve idempotency (buyer|key -> hold id), KEYS[6] waitlist (FIFO list of buyers)
-- KEYS[7] orders (order id -> json), KEYS[8] waiting buyers (buyer -> stream id, for de-duplication)
-- Times are Redis's own clock (TIME), so every node decides against one clock.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function num(key, field)
  return tonumber(redis.call('HGET', key, field) or '0')
end

local function is_live(now)
  return redis.call('HGET', KEYS[1], 'cancelled') ~= '1'
    and now >= num(KEYS[1], 'startsAt') and now < num(KEYS[1], 'endsAt')
end

-- The caller's hold record at checkout, or the answer to give instead: unknown hold, someone
-- else's, or already sold (the same checkout key gets its order again under sold_tag).
local function own_hold(buyer, hold_id, key, sold_tag)
  local raw = redis.call('HGET', KEYS[3], hold_id)
  if not raw then
    return nil, { 'err', 'hold_not_found' }
  end
  local rec = cjson.decode(raw)
  if rec.b ~= buyer then
    return nil, { 'err', 'not_your_hold' }
  end
  if rec.st == 'sold' then
    if rec.ck == key then
      return nil, { sold_tag, rec.o }
    end
    return nil, { 'err', 'checkout_replayed' }
  end
  return rec
end

local function new_hold(sale_id, buyer, q, key, stream, now)
  local n = redis.call('HINCRBY', KEYS[1], 'nexthold', 1)
  local id = sale_id .. '.h' .. n
  local exp = now + num(KEYS[1], 'holdMs')
  redis.call('HINCRBY', KEYS[1], 'stock', -q)
  redis.call('HINCRBY', KEYS[1], 'held', q)
  redis.call('HINCRBY', KEYS[4], buyer, q)
  redis.call('ZADD', KEYS[2], exp, id)
  redis.call('HSET', KEYS[3], id, cjson.encode({ b = buyer, q = q, k = key, s = stream, e = exp, st = 'held' }))
  return id, exp
end

-- A held (or paying) hold gives its units back: to stock, and off the buyer's count.
local function return_units(rec)
  redis.call('HINCRBY', KEYS[1], 'stock', rec.q)
  redis.call('HINCRBY', KEYS[1], 'held', -rec.q)
  if redis.call('HINCRBY', KEYS[4], rec.b, -rec.q) <= 0 then
    redis.call('HDEL', KEYS[4], rec.b)
  end
end

-- Units back in stock go to the waitlist first, in order: one unit each as a new hold.
-- Returns a flat list: buyer, hold id, expiry, buyer, hold id, expiry...
local function handoff(sale_id, now)
  local grants = {}
  if not is_live(now) then
    return grants
  end
  local limit = num(KEYS[1], 'limit')
  while num(KEYS[1], 'stock') > 0 do
    local buyer = redis.call('LPOP', KEYS[6])
    if not buyer then
      break
    end
    local stream = redis.call('HGET', KEYS[8], buyer) or ''
    redis.call('HDEL', KEYS[8], buyer)
    if num(KEYS[4], buyer) < limit then
      local id, exp = new_hold(sale_id, buyer, 1, '', stream, now)
      table.insert(grants, buyer)
      table.insert(grants, id)
      table.insert(grants, exp)
    end
  end
  return grants
end

-- The reserve rules, in order: stated once at the top of Features/FlashSales/IFlashSaleInventory.cs.
-- ARGV: sale id, buyer, quantity, idempotency key, stream id ('' if none).
-- {'held', hold id, expiry, qty, stock} | {'soldout', stock} | {'limit', units already held+bought} | {'notlive'} | {'err', code}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 'err', 'sale_not_found' }
end
local buyer, q = ARGV[2], tonumber(ARGV[3])
local idem = buyer .. '|' .. ARGV[4]
local existing = redis.call('HGET', KEYS[5], idem)
if existing then
  local rec = cjson.decode(redis.call('HGET', KEYS[3], existing))
  if rec.q ~= q then
    return { 'err', 'idempotency_key_reused' }
  end
  return { 'held', existing, rec.e, rec.q, num(KEYS[1], 'stock') }
end
local now = now_ms()
if not is_live(now) then
  return { 'notlive' }
end
local limit = num(KEYS[1], 'limit')
if q > limit then
  return { 'err', 'invalid_quantity' }
end
local has = num(KEYS[4], buyer)
if has + q > limit then
  return { 'limit', has }
end
local stock = num(KEYS[1], 'stock')
if stock < q then
  return { 'soldout', stock }
end
local id, exp = new_hold(ARGV[1], buyer, q, ARGV[4], ARGV[5], now)
redis.call('HSET', KEYS[5], idem, id)
return { 'held', id, exp, q, stock - q }

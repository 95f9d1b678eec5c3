-- The `utf8` module that LÖVE 11 preloads for `require("utf8")`: Lua 5.3's utf8 library
-- (char, charpattern, codes, codepoint, len, offset) on LuaJIT, with the same results and
-- argument errors. Games and libraries (SUIT, text input code) use it for UTF-8 text.
local bit = require("bit")
local band, bor, lshift, rshift = bit.band, bit.bor, bit.lshift, bit.rshift
local sbyte, schar, concat = string.byte, string.char, table.concat
local floor, ceil = math.floor, math.ceil
local MAXUNICODE = 0x10FFFF

local utf8 = {}

local public = {} -- the module's functions, to find their stack level in argerror

-- luaL_argerror: names the function as its caller knows it ('?' through pcall) and points
-- the error at the caller's line.
local function argerror(n, _, msg)
	for level = 2, 8 do
		local info = debug.getinfo(level, "nf")
		if info == nil then break end
		if public[info.func] then
			error(("bad argument #%d to '%s' (%s)"):format(n, info.name or "?", msg), level + 1)
		end
	end
	error(("bad argument #%d (%s)"):format(n, msg), 2)
end

-- nargs: how many arguments the call had, to tell "got nil" from "got no value".
local function typename(v, n, nargs)
	if v == nil and n > nargs then return "no value" end
	return type(v)
end

local function checkstring(v, n, fname, nargs)
	local t = type(v)
	if t == "string" then return v end
	if t == "number" then return tostring(v) end
	argerror(n, fname, "string expected, got " .. typename(v, n, nargs))
end

-- luaL_checkinteger / luaL_optinteger of Lua 5.1: numbers (and numeric strings) truncate.
local function checkint(v, n, fname, default, nargs)
	if v == nil and default ~= nil then return default end
	local x = tonumber(v)
	if x == nil then
		argerror(n, fname, "number expected, got " .. typename(v, n, nargs or n))
	end
	return x >= 0 and floor(x) or ceil(x)
end

local function posrelat(pos, len)
	if pos >= 0 then return pos end
	if -pos > len then return 0 end
	return len + pos + 1
end

local function iscont(s, i) -- i is 0-based; past the end reads as NUL (not a continuation)
	local c = sbyte(s, i + 1)
	return c ~= nil and band(c, 0xC0) == 0x80
end

local limits = { [0] = 0xFF, 0x7F, 0x7FF, 0xFFFF }

-- Decodes the sequence at 0-based index i; returns code point and next index, or nil.
local function decode(s, i)
	local c = sbyte(s, i + 1)
	if c == nil then return nil end
	if c < 0x80 then return c, i + 1 end
	local res, count = 0, 0
	while band(c, 0x40) ~= 0 do
		count = count + 1
		local cc = sbyte(s, i + count + 1)
		if cc == nil or band(cc, 0xC0) ~= 0x80 then return nil end
		res = bor(lshift(res, 6), band(cc, 0x3F))
		c = lshift(c, 1)
	end
	res = bor(res, lshift(band(c, 0x7F), count * 5))
	if count > 3 or res > MAXUNICODE or res <= limits[count] then return nil end
	return res, i + count + 1
end

local function encode(x)
	if x < 0x80 then return schar(x) end
	if x < 0x800 then
		return schar(bor(0xC0, rshift(x, 6)), bor(0x80, band(x, 0x3F)))
	end
	if x < 0x10000 then
		return schar(bor(0xE0, rshift(x, 12)), bor(0x80, band(rshift(x, 6), 0x3F)), bor(0x80, band(x, 0x3F)))
	end
	return schar(bor(0xF0, rshift(x, 18)), bor(0x80, band(rshift(x, 12), 0x3F)),
		bor(0x80, band(rshift(x, 6), 0x3F)), bor(0x80, band(x, 0x3F)))
end

-- LOVE: Lua 5.1 patterns cannot hold a NUL, so LÖVE's pattern uses %z.
utf8.charpattern = "[%z\1-\127\194-\244][\128-\191]*"

function utf8.char(...)
	local n = select("#", ...)
	local out = {}
	for i = 1, n do
		local code = checkint((select(i, ...)), i, "char")
		if code < 0 or code > MAXUNICODE then argerror(i, "char", "value out of range") end
		out[i] = encode(code)
	end
	return concat(out)
end

function utf8.len(...)
	local s, i, j = ...
	s = checkstring(s, 1, "len", select("#", ...))
	local len = #s
	local posi = posrelat(checkint(i, 2, "len", 1), len)
	local posj = posrelat(checkint(j, 3, "len", -1), len)
	posi = posi - 1
	if not (0 <= posi and posi <= len) then argerror(2, "len", "initial position out of string") end
	posj = posj - 1
	if not (posj < len) then argerror(3, "len", "final position out of string") end
	local n = 0
	while posi <= posj do
		local _, nxt = decode(s, posi)
		if nxt == nil then return nil, posi + 1 end
		posi = nxt
		n = n + 1
	end
	return n
end

function utf8.codepoint(...)
	local s, i, j = ...
	s = checkstring(s, 1, "codepoint", select("#", ...))
	local len = #s
	local posi = posrelat(checkint(i, 2, "codepoint", 1), len)
	local pose = posrelat(checkint(j, 3, "codepoint", posi), len)
	if posi < 1 then argerror(2, "codepoint", "out of range") end
	if pose > len then argerror(3, "codepoint", "out of range") end
	if posi > pose then return end
	local out, n = {}, 0
	local p = posi - 1
	while p < pose do
		local code, nxt = decode(s, p)
		if code == nil then error("invalid UTF-8 code", 2) end
		n = n + 1
		out[n] = code
		p = nxt
	end
	return unpack(out, 1, n)
end

function utf8.offset(...)
	local s, n, i = ...
	local nargs = select("#", ...)
	s = checkstring(s, 1, "offset", nargs)
	local len = #s
	n = checkint(n, 2, "offset", nil, nargs)
	local posi = posrelat(checkint(i, 3, "offset", n >= 0 and 1 or len + 1), len)
	posi = posi - 1
	if not (0 <= posi and posi <= len) then argerror(3, "offset", "position out of range") end
	if n == 0 then
		while posi > 0 and iscont(s, posi) do posi = posi - 1 end
	else
		if iscont(s, posi) then error("initial position is a continuation byte", 2) end
		if n < 0 then
			while n < 0 and posi > 0 do
				repeat posi = posi - 1 until not (posi > 0 and iscont(s, posi))
				n = n + 1
			end
		else
			n = n - 1
			while n > 0 and posi < len do
				repeat posi = posi + 1 until not iscont(s, posi)
				n = n - 1
			end
		end
	end
	if n == 0 then return posi + 1 end
	return nil
end

local function iter_aux(s, i)
	s = checkstring(s, 1, "for iterator", 2)
	local len = #s
	local n = (tonumber(i) or 0) - 1
	if n < 0 then
		n = 0
	elseif n < len then
		n = n + 1
		while iscont(s, n) do n = n + 1 end
	end
	if n >= len then return nil end
	local code, nxt = decode(s, n)
	if code == nil or iscont(s, nxt) then error("invalid UTF-8 code", 2) end
	return n + 1, code
end

function utf8.codes(...)
	local s = checkstring((...), 1, "codes", select("#", ...))
	return iter_aux, s, 0
end

for _, f in pairs(utf8) do
	if type(f) == "function" then public[f] = true end
end
public[iter_aux] = true

return utf8

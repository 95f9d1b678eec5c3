-- require("utf8"): Lua 5.3's utf8 library as LÖVE bundles it; values and messages
-- checked against LÖVE 11.4 (this file also runs there). Also the `bit` library.
local T = require("testlib")
local utf8 = require("utf8")

T.test("utf8_char_charpattern", function()
    T.eq(utf8.char(72, 228, 8364, 128512), "Hä€😀")
    T.eq(utf8.char(), "")
    T.eq(utf8.charpattern, "[%z\1-\127\194-\244][\128-\191]*")
    local n = 0
    for _ in string.gmatch("aä€😀", utf8.charpattern) do n = n + 1 end
    T.eq(n, 4)
    T.err("bad argument #1 to 'char' (value out of range)", utf8.char, 0x110000)
    T.err("bad argument #2 to 'char' (value out of range)", utf8.char, 65, -1)
    T.err("bad argument #1 to 'char' (number expected, got string)", utf8.char, "x")
end)

T.test("utf8_len", function()
    T.eq(utf8.len("häll€"), 5)
    T.eq(utf8.len("abc", 4), 0)
    T.eq(utf8.len("abc", -1), 1)
    T.eq(utf8.len("abc", 2, -2), 1)
    T.eq(utf8.len(""), 0)
    local a, b = utf8.len("häll€", 3)
    T.eq(a, nil); T.eq(b, 3)
    a, b = utf8.len("ab\255cd")
    T.eq(a, nil); T.eq(b, 3)
    T.eq(utf8.len("\237\160\128"), 1) -- surrogates are accepted
    T.err("bad argument #2 to 'len' (initial position out of string)", utf8.len, "abc", 5)
end)

T.test("utf8_codepoint", function()
    local c = { utf8.codepoint("häll€", 1, -1) }
    T.eq(#c, 5); T.eq(c[2], 228); T.eq(c[5], 8364)
    T.eq(utf8.codepoint("€"), 8364)
    T.eq(select("#", utf8.codepoint("abc", 4, 3)), 0)
    T.eq(utf8.codepoint("\244\143\191\191"), 0x10FFFF)
    T.err("invalid UTF-8 code", utf8.codepoint, "\255")
    T.err("invalid UTF-8 code", utf8.codepoint, "\244\144\128\128")
    T.err("invalid UTF-8 code", utf8.codepoint, "\192\128")
    T.err("invalid UTF-8 code", utf8.codepoint, "€", 2)
    T.err("bad argument #2 to 'codepoint' (out of range)", utf8.codepoint, "abc", 0)
    T.err("bad argument #3 to 'codepoint' (out of range)", utf8.codepoint, "abc", 1, 4)
end)

T.test("utf8_offset", function()
    T.eq(utf8.offset("häll€", 3), 4)
    T.eq(utf8.offset("a€b", 3), 5)
    T.eq(utf8.offset("a€b", -1), 5)
    T.eq(utf8.offset("a€b", -2), 2)
    T.eq(utf8.offset("abc", 5), nil)
    T.eq(utf8.offset("abc", 4), 4)
    T.eq(utf8.offset("abc", 0), 1)
    T.eq(utf8.offset("€", 0, 3), 1)
    T.eq(utf8.offset("", 1), 1)
    T.eq(utf8.offset("abc", -1), 3)
    T.err("initial position is a continuation byte", utf8.offset, "a€b", 1, 3)
    T.err("bad argument #3 to 'offset' (position out of range)", utf8.offset, "abc", 1, 5)
    -- The LÖVE wiki's backspace idiom.
    local text = "añ€"
    local byteoffset = utf8.offset(text, -1)
    T.eq(string.sub(text, 1, byteoffset - 1), "añ")
end)

T.test("utf8_codes", function()
    local out = {}
    for p, c in utf8.codes("aä€") do out[#out + 1] = p .. ":" .. c end
    T.eq(table.concat(out, " "), "1:97 2:228 4:8364")
    for _ in utf8.codes("") do error("no characters") end
    local ok, e = pcall(function() for _ in utf8.codes("a\255b") do end end)
    T.eq(ok, false); T.eq(e:match("invalid UTF%-8 code$") ~= nil, true)
end)

T.test("bit_library", function()
    T.eq(require("bit"), bit)
    T.eq(bit.band(7, 3), 3); T.eq(bit.bor(4, 1), 5); T.eq(bit.bxor(5, 1), 4)
    T.eq(bit.lshift(1, 4), 16); T.eq(bit.tohex(255, 2), "ff")
end)

T.run()

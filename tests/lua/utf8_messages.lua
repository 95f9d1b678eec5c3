-- require("utf8"): more checks of the Lua 5.3 utf8 library LÖVE 11 preloads (first written
-- for a Lua port, now run against engine/src/utf8). Results and messages checked against
-- LÖVE 11.4, except that argument errors name the function where LÖVE says '?' via pcall.
local T = require("testlib")
local utf8 = require("utf8")

T.test("utf8_require_is_cached", function()
    T.eq(require("utf8"), utf8)
    T.eq(type(utf8.charpattern), "string")
    T.eq(utf8.charpattern, "[%z\1-\127\194-\244][\128-\191]*")
    T.eq(table.concat({ ("aé€"):match("^(" .. utf8.charpattern .. ")(" .. utf8.charpattern .. ")") }, "|"), "a|é")
end)

T.test("utf8_char", function()
    T.eq(utf8.char(72, 233, 0x4e00, 0x1F600), "Hé\228\184\128\240\159\152\128")
    T.eq(utf8.char(), "")
    T.eq(utf8.char(0x10FFFF), "\244\143\191\191")
    T.err("bad argument #2 to 'char' (value out of range)", utf8.char, 65, 0x110000)
    T.err("bad argument #1 to 'char' (value out of range)", utf8.char, -1)
    T.err("bad argument #1 to 'char' (number expected, got string)", utf8.char, "x")
end)

T.test("utf8_len", function()
    T.eq(utf8.len("héllo"), 5)
    T.eq(utf8.len(""), 0)
    local bad, at = utf8.len("héllo", 3) -- starts inside "é"
    T.eq(bad, nil); T.eq(at, 3)
    T.eq(utf8.len("héllo", -2), 2)
    T.eq(utf8.len("héllo", 1, 2), 2)
    local n, pos = utf8.len("ab\255cd")
    T.eq(n, nil); T.eq(pos, 3)
    n, pos = utf8.len("é", 2)
    T.eq(n, nil); T.eq(pos, 2)
    T.eq(utf8.len(12345), 5)
    T.err("bad argument #2 to 'len' (initial position out of string)", utf8.len, "abc", 5)
    T.err("bad argument #3 to 'len' (final position out of string)", utf8.len, "abc", 1, 4)
    T.err("bad argument #1 to 'len' (string expected, got nil)", utf8.len, nil)
    T.err("bad argument #1 to 'len' (string expected, got no value)", utf8.len)
    T.err("bad argument #2 to 'offset' (number expected, got no value)", utf8.offset, "abc")
end)

T.test("utf8_codepoint", function()
    T.eq(utf8.codepoint("é"), 233)
    local a, b, c = utf8.codepoint("aéb", 1, -1)
    T.eq(a, 97); T.eq(b, 233); T.eq(c, 98)
    T.eq(select("#", utf8.codepoint("abc", 3, 2)), 0)
    T.err("bad argument #3 to 'codepoint' (out of range)", utf8.codepoint, "abc", 1, 4)
    T.err("bad argument #2 to 'codepoint' (out of range)", utf8.codepoint, "abc", 0)
    T.err("invalid UTF-8 code", function() return utf8.codepoint("\255") end)
end)

T.test("utf8_offset", function()
    local s = "aé€b"
    T.eq(utf8.offset(s, 1), 1)
    T.eq(utf8.offset(s, 2), 2)
    T.eq(utf8.offset(s, 3), 4)
    T.eq(utf8.offset(s, 4), 7)
    T.eq(utf8.offset(s, 5), 8)
    T.eq(utf8.offset(s, 6), nil)
    T.eq(utf8.offset(s, -1), 7)
    T.eq(utf8.offset(s, -2), 4)
    T.eq(utf8.offset(s, 0, 3), 2)
    T.err("bad argument #3 to 'offset' (position out of range)", utf8.offset, s, 1, 20)
    T.err("initial position is a continuation byte", function() return utf8.offset(s, 1, 3) end)
end)

T.test("utf8_codes", function()
    local got = {}
    for p, c in utf8.codes("aé€") do got[#got + 1] = p .. ":" .. c end
    T.eq(table.concat(got, " "), "1:97 2:233 4:8364")
    local ok, e = pcall(function() for _ in utf8.codes("a\255") do end end)
    T.eq(ok, false); T.eq(e:match(":%d+: (.*)$"), "invalid UTF-8 code")
end)

T.test("utf8_error_names_the_function_and_the_callers_line", function()
    local ok, e = pcall(function() local s = utf8.char(-1) return s end)
    T.eq(ok, false)
    T.eq(e:match(":%d+: (.*)$"), "bad argument #1 to 'char' (value out of range)")
    ok, e = pcall(function() local n = utf8.len({}) return n end)
    T.eq(e:match(":%d+: (.*)$"), "bad argument #1 to 'len' (string expected, got table)")
    T.eq(utf8.len("abc", 1.5), 3) -- positions truncate, as Lua 5.1's luaL_optinteger
end)

T.test("utf8_deleting_last_character_like_text_input", function()
    -- The idiom from LÖVE's wiki for backspace in a text field.
    local text = "héé"
    local byteoffset = utf8.offset(text, -1)
    T.eq(text:sub(1, byteoffset - 1), "hé")
end)

T.run()

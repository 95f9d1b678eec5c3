-- Font objects; values checked against LÖVE 11.4 (Vera, its default font).
local T = require("testlib")
local g = love.graphics

T.test("graphics_newFont_metrics", function()
    local f = g.newFont(20)
    T.eq(f:type(), "Font"); T.eq(f:typeOf("Object"), true)
    T.eq(f:getHeight(), 23); T.eq(f:getAscent(), 19); T.eq(f:getDescent(), -5); T.eq(f:getBaseline(), 19)
    T.eq(f:getLineHeight(), 1); T.eq(f:getDPIScale(), 1)
    local d = g.newFont()
    T.eq(d:getHeight(), 14, "default size 12")
    T.eq(d:getWidth("Hello World"), 68)
    T.err("Invalid TrueType font size: -1", g.newFont, -1)
    T.err("Could not open file nofont.ttf. Does not exist.", g.newFont, "nofont.ttf")
    T.err("TrueType Font loading error: the file is not a font (problem with font file?)", g.newFont, "font.lua", 12)
end)

T.test("graphics_Font_getWidth_getWrap", function()
    local f = g.newFont(12)
    local w, lines = f:getWrap("the quick brown fox jumps over the lazy dog", 100)
    T.eq(w, 99); T.eq(#lines, 3); T.eq(lines[1], "the quick brown ")
    T.err("UTF-8 decoding error: Invalid UTF-8", f.getWidth, f, "\255")
end)

T.test("graphics_Font_filter_lineheight_glyphs", function()
    local f = g.newFont(14)
    local a, b, c = f:getFilter(); T.eq(a, "linear"); T.eq(b, "linear"); T.eq(c, 1)
    f:setFilter("nearest", "linear", 2)
    a, b, c = f:getFilter(); T.eq(a, "nearest"); T.eq(b, "linear"); T.eq(c, 2)
    f:setLineHeight(1.5); T.eq(f:getLineHeight(), 1.5)
    T.eq(f:hasGlyphs("abc"), true); T.eq(f:hasGlyphs(65), true)
    T.eq(f:hasGlyphs("\226\152\131"), false, "Vera has no snowman")
    T.eq(type(f:getKerning("W", "o")), "number")
end)

T.test("graphics_setFont_getFont_setNewFont", function()
    local f = g.newFont(16)
    g.setFont(f)
    T.eq(g.getFont() == f, true)
    local n = g.setNewFont(14)
    T.eq(n:getHeight(), 16); T.eq(g.getFont() == n, true)
    g.push("all"); g.setFont(f); g.pop()
    T.eq(g.getFont() == n, true, "pop('all') restores the font")
    T.err("bad argument #1 to 'setFont' (Font expected, got number)", g.setFont, 5)
    g.print("drawn with the font", 0, 0)
    g.reset()
    T.eq(g.getFont():getHeight(), 14, "reset goes back to the default font")
    f:release()
    T.err("Cannot use object after it has been released.", f.getHeight, f)
end)

T.test("graphics_newImageFont", function()
    -- 9x5 strip: separator columns 0, 4, 7, 8; glyph "a" is 3 px wide, "b" 2 px.
    local d = love.image.newImageData(9, 5)
    d:mapPixel(function(x) if x == 0 or x == 4 or x == 7 or x == 8 then return 1, 0, 1, 1 end return 1, 1, 1, 1 end)
    local f = g.newImageFont(d, "ab", 1)
    T.eq(f:getHeight(), 5); T.eq(f:getAscent(), 0); T.eq(f:getDescent(), 0); T.eq(f:getBaseline(), 0)
    T.eq(f:getWidth("a"), 4); T.eq(f:getWidth("b"), 3); T.eq(f:getWidth("ab"), 7); T.eq(f:getWidth("c"), 0)
    T.eq(f:hasGlyphs("a"), true); T.eq(f:hasGlyphs("c"), false)
    T.eq(g.newImageFont(d, "ab"):getWidth("ab"), 5)
    local w, lines = f:getWrap("ab ab ab", 10)
    T.eq(w, 7); T.eq(#lines, 3)
    g.setFont(f); g.print("abab", 0, 0); g.setFont(g.newFont())
end)

T.test("graphics_newFont_BMFont", function()
    -- A tiny BMFont written to the save directory: an 8x4 page, "A" and "B", one kerning pair.
    local d = love.image.newImageData(8, 4)
    d:mapPixel(function(x) return 1, 1, 1, (x < 3 or (x >= 4 and x < 6)) and 1 or 0 end)
    love.filesystem.createDirectory("bm")
    love.filesystem.write("bm/f.png", d:encode("png"):getString())
    love.filesystem.write("bm/f.fnt", [[
info face="Test" size=8 bold=0 italic=0 charset="" unicode=1 stretchH=100 smooth=0 aa=1 padding=0,0,0,0 spacing=0,0
common lineHeight=6 base=5 scaleW=8 scaleH=4 pages=1 packed=0
page id=0 file="f.png"
chars count=2
char id=65 x=0 y=0 width=3 height=4 xoffset=0 yoffset=1 xadvance=4 page=0 chnl=15
char id=66 x=4 y=0 width=2 height=4 xoffset=1 yoffset=1 xadvance=3 page=0 chnl=15
kernings count=1
kerning first=65 second=66 amount=-1
]])
    local f = g.newFont("bm/f.fnt")
    -- Values LÖVE 11.4 gives for the same files.
    T.eq(f:getHeight(), 6); T.eq(f:getAscent(), 5); T.eq(f:getDescent(), 0); T.eq(f:getBaseline(), 5)
    T.eq(f:getWidth("A"), 4); T.eq(f:getWidth("B"), 3); T.eq(f:getWidth("AB"), 6); T.eq(f:getWidth("AAB"), 10)
    T.eq(f:getKerning("A", "B"), -1); T.eq(f:hasGlyphs("A"), true); T.eq(f:hasGlyphs("C"), false)
    T.eq(g.newFont("bm/f.fnt", "bm/f.png"):getHeight(), 6)
    T.err("Could not open file nofile.fnt. Does not exist.", g.newFont, "nofile.fnt")
    g.setFont(f); g.print("AB", 0, 0); g.setFont(g.newFont())
end)

T.test("graphics_Font_setFallbacks", function()
    local d = love.image.newImageData(9, 5)
    d:mapPixel(function(x) if x == 0 or x == 4 or x == 7 or x == 8 then return 1, 0, 1, 1 end return 1, 1, 1, 1 end)
    local img = g.newImageFont(d, "ab", 1)
    local vera = g.newFont(12)
    T.eq(img:hasGlyphs("c"), false)
    img:setFallbacks(vera)
    T.eq(img:hasGlyphs("c"), true, "a fallback has it")
    T.eq(img:getWidth("c"), vera:getWidth("c"))
    T.eq(img:getWidth("a"), 4, "own glyphs first")
    vera:setFallbacks(img) -- a cycle must not hang
    T.eq(vera:hasGlyphs("\226\152\131"), false)
    T.err("bad argument #2 to 'setFallbacks' (Font expected, got number)", img.setFallbacks, img, 5)
    g.setFont(img); g.print("abc", 0, 0); g.setFont(g.newFont())
end)

T.test("font_newFont_takes_the_default_filter", function()
    -- LÖVE: pixel-art games set a nearest default filter before making their fonts.
    love.graphics.setDefaultFilter("nearest", "nearest")
    local a, b = love.graphics.newFont(9):getFilter()
    T.eq(a, "nearest"); T.eq(b, "nearest")
    love.graphics.setDefaultFilter("linear", "linear")
    a = love.graphics.newFont(9):getFilter()
    T.eq(a, "linear")
end)

T.run()

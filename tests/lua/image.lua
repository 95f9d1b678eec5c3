-- love.image: TGA encoding/decoding and CompressedImageData (DDS, KTX) built in the
-- test; behaviour checked against LÖVE 11.4 (this file also runs there).
local T = require("testlib")

local function u32(n)
    return string.char(n % 256, math.floor(n / 256) % 256, math.floor(n / 65536) % 256, math.floor(n / 16777216) % 256)
end

-- A DDS file: w x h, `mips` levels, `four` = "DXT1" or "DXT5", every texel red
-- (alpha 128 for DXT5).
local function dds(w, h, mips, four)
    local hdr = { u32(124), u32(0x1007 + 0x20000), u32(h), u32(w), u32(0), u32(0), u32(mips) }
    for _ = 1, 11 do hdr[#hdr + 1] = u32(0) end
    hdr[#hdr + 1] = u32(32); hdr[#hdr + 1] = u32(4); hdr[#hdr + 1] = four
    for _ = 1, 5 do hdr[#hdr + 1] = u32(0) end
    hdr[#hdr + 1] = u32(0x1000)
    for _ = 1, 4 do hdr[#hdr + 1] = u32(0) end
    local body = {}
    for i = 0, mips - 1 do
        local lw, lh = math.max(1, math.floor(w / 2 ^ i)), math.max(1, math.floor(h / 2 ^ i))
        for _ = 1, math.ceil(lw / 4) * math.ceil(lh / 4) do
            if four == "DXT5" then body[#body + 1] = string.char(128, 128, 0, 0, 0, 0, 0, 0) end
            body[#body + 1] = string.char(0x00, 0xF8, 0x00, 0xF8, 0, 0, 0, 0)
        end
    end
    return "DDS " .. table.concat(hdr) .. table.concat(body)
end

-- A KTX 1 file with one level of BC7 (glInternalFormat 0x8E8C), contents zero.
local function ktx(w, h)
    local size = math.ceil(w / 4) * math.ceil(h / 4) * 16
    return "\171KTX 11\187\r\n\26\n" .. u32(0x04030201) .. u32(0) .. u32(1) .. u32(0) .. u32(0x8E8C)
        .. u32(0x1908) .. u32(w) .. u32(h) .. u32(0) .. u32(0) .. u32(1) .. u32(1) .. u32(0)
        .. u32(size) .. string.rep("\0", size)
end

T.test("image_ImageData_encode_tga", function()
    local d = love.image.newImageData(3, 2)
    d:setPixel(0, 0, 1, 0, 0, 1)
    d:setPixel(1, 0, 0, 1, 0, 0.5)
    local fd = d:encode("tga")
    T.eq(fd:type(), "FileData"); T.eq(fd:getFilename(), "Image.tga"); T.eq(fd:getSize(), 42)
    local s = fd:getString()
    T.eq(s:sub(1, 18), "\0\0\2\0\0\0\0\32\0\0\0\0\3\0\2\0\32\32")
    T.eq(s:sub(19, 26), "\0\0\255\255\0\255\0\128")
    local back = love.image.newImageData(fd)
    local r, g, b, a = back:getPixel(1, 0)
    T.eq(g, 1); T.near(a, 128 / 255)
    T.eq(love.image.isCompressed(fd), false)
end)

T.test("image_newCompressedData_dds", function()
    love.filesystem.write("red.dds", dds(8, 4, 4, "DXT1"))
    T.eq(love.image.isCompressed("red.dds"), true)
    local c = love.image.newCompressedData("red.dds")
    T.eq(c:type(), "CompressedImageData"); T.eq(c:typeOf("Data"), true)
    T.eq(c:getFormat(), "DXT1"); T.eq(c:getMipmapCount(), 4)
    T.eq(c:getWidth(), 8); T.eq(c:getHeight(), 4)
    local w, h = c:getDimensions(2)
    T.eq(w, 4); T.eq(h, 2)
    T.eq(c:getWidth(4), 1)
    local c5 = love.image.newCompressedData(love.filesystem.newFileData(dds(4, 4, 1, "DXT5"), "a.dds"))
    T.eq(c5:getFormat(), "DXT5"); T.eq(c5:getMipmapCount(), 1)
end)

T.test("image_newCompressedData_ktx", function()
    local c = love.image.newCompressedData(love.filesystem.newFileData(ktx(8, 8), "a.ktx"))
    T.eq(c:getFormat(), "BC7"); T.eq(c:getMipmapCount(), 1)
    T.eq(c:getWidth(), 8); T.eq(c:getHeight(), 8)
end)

T.test("image_isCompressed_png", function()
    local png = love.image.newImageData(2, 2):encode("png")
    T.eq(love.image.isCompressed(png), false)
    T.err("Could not parse compressed data: Unknown format.", love.image.newCompressedData, png)
    T.err("Could not open file nope.dds. Does not exist.", love.image.newCompressedData, "nope.dds")
    T.err("Could not open file nope.dds. Does not exist.", love.image.isCompressed, "nope.dds")
end)

T.test("image_newImage_from_compressed", function()
    local img = love.graphics.newImage(love.image.newCompressedData(
        love.filesystem.newFileData(dds(8, 4, 1, "DXT1"), "b.dds")))
    T.eq(img:getWidth(), 8); T.eq(img:getHeight(), 4)
end)

T.run()

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

local function hex(s)
    local t = {}
    for i = 1, #s do t[#t + 1] = string.format("%02x", s:byte(i)) end
    return table.concat(t, " ")
end

T.test("image_newImageData_pixel_formats", function()
    -- Format, size of 2x1, getPixel after setPixel(0.25, 0.5, 1.5, -0.5), first pixel's bytes.
    local cases = {
        { "r8", 2, "0.25098039215686,0,0,1", "40" },
        { "rg8", 4, "0.25098039215686,0.50196078431373,0,1", "40 80" },
        { "rgba8", 8, "0.25098039215686,0.50196078431373,1,0", "40 80 ff 00" },
        { "r16", 4, "0.25000381475547,0,0,1", "00 40" },
        { "rg16", 8, "0.25000381475547,0.50000762951095,0,1", "00 40 00 80" },
        { "rgba16", 16, "0.25000381475547,0.50000762951095,1,0", "00 40 00 80 ff ff 00 00" },
        { "r16f", 4, "0.25,0,0,1", "00 34" },
        { "rg16f", 8, "0.25,0.5,0,1", "00 34 00 38" },
        { "rgba16f", 16, "0.25,0.5,1.5,-0.5", "00 34 00 38 00 3e 00 b8" },
        { "r32f", 8, "0.25,0,0,1", "00 00 80 3e" },
        { "rg32f", 16, "0.25,0.5,0,1", "00 00 80 3e 00 00 00 3f" },
        { "rgba32f", 32, "0.25,0.5,1.5,-0.5", "00 00 80 3e 00 00 00 3f 00 00 c0 3f 00 00 00 bf" },
        { "rgba4", 4, "0.26666666666667,0.53333333333333,1,0", "f0 48" },
        { "rgb5a1", 4, "0.25806451612903,0.51612903225806,1,0", "3e 44" },
        { "rgb565", 4, "0.25806451612903,0.50793650793651,1,1", "1f 44" },
        { "rgb10a2", 8, "0.25024437927664,0.50048875855327,1,0", "00 01 f8 3f" },
        { "rg11b10f", 8, "0.25,0.5,1.5,1", "40 03 1c 7c" },
    }
    for _, c in ipairs(cases) do
        local d = love.image.newImageData(2, 1, c[1])
        d:setPixel(0, 0, 0.25, 0.5, 1.5, -0.5)
        T.eq(d:getFormat(), c[1]); T.eq(d:getSize(), c[2], c[1])
        local p = {}
        for i, v in ipairs({ d:getPixel(0, 0) }) do p[i] = string.format("%.14g", v) end
        T.eq(table.concat(p, ","), c[3], c[1])
        T.eq(hex(d:getString():sub(1, c[2] / 2)), c[4], c[1])
    end
    T.err("Unsupported pixel format for ImageData", love.image.newImageData, 1, 1, "srgba8")
    T.err("Invalid pixel format: bogus", love.image.newImageData, 1, 1, "bogus")
    T.err("Invalid image size.", love.image.newImageData, 2 ^ 31, 2 ^ 31)
    T.err("The size of the raw byte string must match the ImageData's actual size in bytes.",
        love.image.newImageData, 1, 1, "rgba16f", "abc")
    local z = love.image.newImageData(1, 1, "rgba16f", string.rep("\0", 8))
    T.eq(select(4, z:getPixel(0, 0)), 0)
end)

T.test("image_ImageData_formats_encode_paste_map", function()
    local d = love.image.newImageData(2, 2, "rgba16f")
    T.err("No suitable image encoder for rgba16f format.", d.encode, d, "png")
    local w = love.image.newImageData(2, 2, "rgba16")
    w:setPixel(0, 0, 0.25, 0, 0, 1)
    local png = w:encode("png")
    local back = love.image.newImageData(png)
    T.eq(back:getWidth(), 2)
    -- LÖVE: a 16-bit PNG decodes to rgba16.
    T.eq(back:getFormat(), "rgba16")
    T.eq(table.concat({ back:getPixel(0, 0) }, ","), "0.25000381475547,0,0,1")
    local e = love.image.newImageData(2, 1, "r8")
    e:mapPixel(function() return 0.5, 0.5, 0.5, 0.5 end)
    T.eq(table.concat({ e:getPixel(0, 0) }, ","), "0.50196078431373,0,0,1")
    local a = love.image.newImageData(2, 2, "rgba16")
    local b = love.image.newImageData(2, 2, "rgba8")
    b:setPixel(1, 1, 1, 0, 1, 1)
    a:paste(b, 0, 0)
    -- LÖVE: rgba8 → rgba16 shifts (255 becomes 65280).
    T.eq(table.concat({ a:getPixel(1, 1) }, ","), "0.99610894941634,0,0.99610894941634,0.99610894941634")
    -- Images can be made from any format (drawn from an 8-bit copy).
    T.eq(love.graphics.newImage(a):getWidth(), 2)
end)

T.test("image_ImageData_getFFIPointer", function()
    local ffi = require("ffi")
    local d = love.image.newImageData(2, 1)
    local p = ffi.cast("uint8_t *", d:getFFIPointer())
    p[4], p[5], p[6], p[7] = 255, 0, 128, 255
    local r, g, b, a = d:getPixel(1, 0)
    T.eq(r, 1); T.eq(g, 0); T.near(b, 128 / 255); T.eq(a, 1)
    d:setPixel(0, 0, 0, 1, 0, 1)
    T.eq(p[1], 255)
    T.eq(type(d:getPointer()), "userdata")
    local f = love.image.newImageData(1, 1, "r32f")
    ffi.cast("float *", f:getFFIPointer())[0] = 0.75
    T.eq(f:getPixel(0, 0), 0.75)
    -- An Image made afterwards sees what was written.
    local img = love.graphics.newImage(f)
    local canvas = love.graphics.newCanvas(1, 1)
    love.graphics.setCanvas(canvas)
    love.graphics.clear(0, 0, 0, 1)
    love.graphics.draw(img)
    love.graphics.setCanvas()
    T.near(canvas:newImageData():getPixel(0, 0), 191 / 255, 2 / 255)
end)

T.run()

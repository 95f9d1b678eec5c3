-- love.filesystem; behaviour checked against LÖVE 11.4. The harness points
-- XDG_DATA_HOME at a private folder, so the save directory starts empty.
local T = require("testlib")
local fs = love.filesystem

T.test("filesystem_identity_and_save_directory", function()
    T.eq(fs.getIdentity(), "lua")
    fs.setIdentity("enginetest")
    T.eq(fs.getIdentity(), "enginetest")
    T.eq(fs.getSaveDirectory():sub(-(#"/love/enginetest")), "/love/enginetest")
    T.eq(fs.isFused(), false)
    T.eq(type(fs.getSource()), "string"); T.eq(type(fs.getWorkingDirectory()), "string")
end)

T.test("filesystem_write_append_read", function()
    T.eq(fs.write("a.txt", "hello"), true)
    T.eq(fs.append("a.txt", " world"), true)
    local s, n = fs.read("a.txt"); T.eq(s, "hello world"); T.eq(n, 11)
    s, n = fs.read("a.txt", 3); T.eq(s, "hel"); T.eq(n, 3)
    fs.write("b.txt", "abcdef", 2); T.eq(fs.read("b.txt"), "ab")
    T.eq(fs.read("data", "a.txt"):type(), "FileData")
    fs.write("d.txt", love.data.newByteData("bytes")); T.eq(fs.read("d.txt"), "bytes")
    local c, err = fs.read("missing.txt")
    T.eq(c, nil); T.eq(err, "Could not open file missing.txt. Does not exist.")
    local ok, e = fs.write("../escape.txt", "x")
    T.eq(ok, nil); T.eq(e, "Could not open file ../escape.txt (filename is illegal or insecure)")
end)

T.test("filesystem_getInfo", function()
    local i = fs.getInfo("a.txt")
    T.eq(i.type, "file"); T.eq(i.size, 11); T.eq(type(i.modtime), "number")
    T.eq(fs.getInfo("a.txt", "directory"), nil)
    T.eq(fs.getInfo("nope"), nil)
    T.eq(fs.getInfo("testlib.lua").type, "file", "game files are found too")
    T.err("Invalid file type 'fil', expected one of: 'file', 'directory', 'symlink', 'other'", fs.getInfo, "a.txt", "fil")
end)

T.test("filesystem_directories", function()
    T.eq(fs.createDirectory("dir/sub"), true)
    T.eq(fs.getInfo("dir").type, "directory")
    local items = fs.getDirectoryItems("")
    local set = {}
    for _, v in ipairs(items) do set[v] = true end
    T.eq(set["a.txt"], true); T.eq(set["dir"], true); T.eq(set["testlib.lua"], true)
    T.eq(fs.remove("dir"), false, "not empty")
    T.eq(fs.remove("dir/sub"), true); T.eq(fs.remove("dir"), true); T.eq(fs.remove("nope"), false)
end)

T.test("filesystem_getRealDirectory", function()
    T.eq(fs.getRealDirectory("a.txt"), fs.getSaveDirectory())
    T.eq(fs.getRealDirectory("testlib.lua"), fs.getSource())
    T.err("File does not exist", fs.getRealDirectory, "nope")
end)

T.test("filesystem_lines", function()
    fs.write("lines.txt", "one\ntwo\r\nthree\n")
    local t = {}
    for l in fs.lines("lines.txt") do t[#t + 1] = l end
    T.eq(#t, 3); T.eq(t[2], "two"); T.eq(t[3], "three")
    T.err("Could not open file nope.txt. Does not exist.", fs.lines, "nope.txt")
end)

T.test("filesystem_newFile", function()
    local f = fs.newFile("c.txt")
    T.eq(f:getMode(), "c"); T.eq(f:isOpen(), false); T.eq(f:getFilename(), "c.txt"); T.eq(f:type(), "File")
    T.eq(f:open("w"), true); T.eq(f:write("xyz"), true); T.eq(f:getMode(), "w"); T.eq(f:tell(), 3)
    f:close()
    T.eq(f:open("r"), true)
    local s, n = f:read(2); T.eq(s, "xy"); T.eq(n, 2)
    T.eq(f:tell(), 2); T.eq(f:isEOF(), false); T.eq(f:getSize(), 3)
    T.eq(f:read(), "z"); T.eq(f:isEOF(), true)
    T.eq(f:seek(1), true); T.eq(f:read(1), "y")
    f:close()
    T.err("Invalid file open mode 'q', expected one of: 'c', 'r', 'w', 'a'", f.open, f, "q")
    local g = fs.newFile("c.txt", "a"); T.eq(g:getMode(), "a"); g:write("!"); g:close()
    T.eq(fs.read("c.txt"), "xyz!")
    T.err("Could not open file nope/none.txt. Does not exist.", fs.newFile, "nope/none.txt", "r")
    local h = fs.newFile("c.txt", "r")
    local lines = {}
    for l in h:lines() do lines[#lines + 1] = l end
    T.eq(#lines, 1); T.eq(lines[1], "xyz!")
    local b, sz = h:getBuffer(); T.eq(b, "none"); T.eq(sz, 0)
    T.eq(h:setBuffer("line", 0), true); T.eq(h:getBuffer(), "line")
end)

T.test("filesystem_newFileData", function()
    local fd = fs.newFileData("content", "x/name.png")
    T.eq(fd:getFilename(), "x/name.png"); T.eq(fd:getExtension(), "png"); T.eq(fd:getSize(), 7)
    T.eq(fd:getString(), "content"); T.eq(fd:type(), "FileData"); T.eq(fd:typeOf("Data"), true)
    local fd2 = fs.newFileData("testlib.lua")
    T.eq(fd2:getFilename(), "testlib.lua"); T.eq(fd2:getSize() > 0, true)
    T.err("Could not open file missing.lua. Does not exist.", fs.newFileData, "missing.lua")
end)

T.test("filesystem_require_path", function()
    T.eq(fs.getRequirePath(), "?.lua;?/init.lua")
    T.eq(fs.getCRequirePath(), "??")
    fs.write("savedmod.lua", "return { answer = 42 }")
    T.eq(require("savedmod").answer, 42, "require finds modules in the save directory")
    fs.setRequirePath("mods/?.lua")
    fs.createDirectory("mods")
    fs.write("mods/m2.lua", "return 'm2'")
    T.eq(require("m2"), "m2")
    fs.setRequirePath("?.lua;?/init.lua")
    T.eq(fs.areSymlinksEnabled(), true); fs.setSymlinksEnabled(false); T.eq(fs.areSymlinksEnabled(), false)
end)

T.test("filesystem_mount", function()
    fs.createDirectory("pack")
    fs.write("pack/inside.txt", "mounted")
    T.eq(fs.mount(fs.getSaveDirectory() .. "/pack", "m"), true)
    T.eq(fs.read("m/inside.txt"), "mounted")
    T.eq(fs.unmount(fs.getSaveDirectory() .. "/pack"), true)
    T.eq(fs.read("m/inside.txt"), nil)
    T.eq(fs.mount("no/such/archive.zip", "x"), false)
end)

-- A zip archive (stored entries) built in Lua: { {name, contents}, ... }.
local function zip(entries)
    local bit = require("bit")
    local function crc32(str)
        local crc = 0xFFFFFFFF
        for i = 1, #str do
            crc = bit.bxor(crc, str:byte(i))
            for _ = 1, 8 do
                crc = bit.bxor(bit.rshift(crc, 1), bit.band(0xEDB88320, -bit.band(crc, 1)))
            end
        end
        return bit.bnot(crc)
    end
    local function u16(n) return string.char(n % 256, math.floor(n / 256) % 256) end
    local function u32(n)
        n = n % 4294967296
        return u16(n % 65536) .. u16(math.floor(n / 65536))
    end
    local locals, central, offset = {}, {}, 0
    for _, e in ipairs(entries) do
        local name, data = e[1], e[2]
        local c = crc32(data)
        local head = u32(0x04034b50) .. u16(20) .. u16(0) .. u16(0) .. u16(0) .. u16(0)
            .. u32(c) .. u32(#data) .. u32(#data) .. u16(#name) .. u16(0) .. name
        central[#central + 1] = u32(0x02014b50) .. u16(20) .. u16(20) .. u16(0) .. u16(0) .. u16(0)
            .. u16(0) .. u32(c) .. u32(#data) .. u32(#data) .. u16(#name) .. u16(0) .. u16(0)
            .. u16(0) .. u16(0) .. u32(0) .. u32(offset) .. name
        locals[#locals + 1] = head .. data
        offset = offset + #head + #data
    end
    local cd = table.concat(central)
    return table.concat(locals) .. cd .. u32(0x06054b50) .. u16(0) .. u16(0) .. u16(#entries)
        .. u16(#entries) .. u32(#cd) .. u32(offset) .. u16(0)
end

T.test("filesystem_mount_Data", function()
    local data = fs.newFileData(zip({ { "dir/a.txt", "from zip" }, { "lib.lua", "return 'zipped module'" } }), "pack.zip")
    T.eq(fs.mount(data, "pack.zip", "z"), true)
    T.eq(fs.read("z/dir/a.txt"), "from zip")
    T.eq(fs.getInfo("z/dir").type, "directory")
    T.eq(fs.unmount(data), true)
    T.eq(fs.read("z/dir/a.txt"), nil)
    T.eq(fs.mount(data, "pack2.zip", ""), true)
    fs.setRequirePath("?.lua;?/init.lua")
    T.eq(require("lib"), "zipped module")
    T.eq(fs.unmount("pack2.zip"), true)
    T.eq(fs.mount(fs.newFileData("not a zip", "bad.zip"), "bad.zip", "b"), false)
end)

T.test("filesystem_directories_and_source", function()
    -- LÖVE: the user and appdata directories end with a slash.
    T.eq(fs.getUserDirectory():sub(-1), "/")
    T.eq(fs.getAppdataDirectory():sub(-1), "/")
    T.eq(fs.getAppdataDirectory():find(".local/share/", 1, true) ~= nil or os.getenv("XDG_DATA_HOME") ~= nil, true)
    T.eq(type(fs.getSourceBaseDirectory()), "string")
    T.err("Could not set source.", fs.setSource, "elsewhere")
    local old = fs.getCRequirePath()
    fs.setCRequirePath("lib/??.so")
    T.eq(fs.getCRequirePath(), "lib/??.so")
    fs.setCRequirePath(old)
end)

T.test("filesystem_File_flush", function()
    local f = fs.newFile("flushme.txt", "w")
    T.eq(f:write("abc"), true)
    T.eq(f:flush(), true)
    T.eq(fs.read("flushme.txt"), "abc")
    f:close()
    local r = fs.newFile("flushme.txt", "r")
    local ok, e = r:flush()
    T.eq(ok, nil); T.eq(e, "File is not opened for writing.")
    r:close()
end)

T.test("filesystem_sandbox_escapes_fail", function()
    T.eq(fs.read("../../../../etc/hostname"), nil)
    T.eq(fs.read("/etc/hostname"), nil, "absolute paths are inside the game, not the disk")
    T.eq(fs.write("../../outside.txt", "x"), nil)
    T.eq(fs.write("sub/../../outside.txt", "x"), nil)
    T.eq(fs.createDirectory("../outside"), false)
    T.eq(fs.remove("../"), false)
    T.eq(fs.getInfo("../"), nil)
    local ok = pcall(fs.newFile, "../x.txt", "w")
    T.eq(ok, false)
end)

T.test("filesystem_getInfo_modtime_of_game_files", function()
    local i = fs.getInfo("testlib.lua")
    T.eq(type(i.modtime), "number", "LÖVE gives a folder game's files a modtime")
    T.eq(i.modtime > 1500000000, true)
    T.eq(type(fs.getInfo("").modtime), "number")
end)

T.test("filesystem_load_syntax_error_raises", function()
    fs.write("bad.lua", "x = = 1")
    -- LÖVE raises for a file that does not compile, but returns nil, message for a missing one.
    T.err("Syntax error: bad.lua:1: unexpected symbol near '='\n", fs.load, "bad.lua")
    local f, e = fs.load("missing.lua")
    T.eq(f, nil); T.eq(e, "Could not open file missing.lua. Does not exist.")
    T.err("Syntax error: bad.lua:1: unexpected symbol near '='\n", require, "bad")
    fs.remove("bad.lua")
end)

-- The 0.10 functions LÖVE 11 keeps (deprecated, with a warning on stdout).
T.test("filesystem_exists_isFile_isDirectory_deprecated", function()
    fs.write("dep.txt", "12345")
    fs.createDirectory("depdir")
    T.eq(fs.exists("dep.txt"), true); T.eq(fs.exists("nope"), false)
    T.eq(fs.exists("testlib.lua"), true)
    T.eq(fs.isFile("dep.txt"), true); T.eq(fs.isFile("depdir"), false)
    T.eq(fs.isDirectory("depdir"), true); T.eq(fs.isDirectory("dep.txt"), false)
    T.eq(fs.isDirectory(""), true)
    T.eq(fs.isSymlink("dep.txt"), false)
    T.err("bad argument #1 to '?' (string expected, got no value)", fs.exists)
end)

T.test("filesystem_getSize_getLastModified_deprecated", function()
    fs.write("dep.txt", "12345")
    T.eq(fs.getSize("dep.txt"), 5)
    T.eq(fs.getSize("nope"), 0, "LÖVE returns 0 for a missing file")
    T.eq(type(fs.getLastModified("dep.txt")), "number")
    local t, e = fs.getLastModified("nope")
    T.eq(t, nil); T.eq(e, "File does not exist")
end)

T.test("love_setDeprecationOutput_hasDeprecationOutput", function()
    T.eq(love.hasDeprecationOutput(), true)
    T.err("bad argument #1 to '?' (boolean expected, got no value)", love.setDeprecationOutput)
    T.err("bad argument #1 to '?' (boolean expected, got number)", love.setDeprecationOutput, 1)
    love.setDeprecationOutput(false)
    T.eq(love.hasDeprecationOutput(), false)
    T.eq(fs.exists("testlib.lua"), true)
    love.setDeprecationOutput(true)
    T.eq(love.hasDeprecationOutput(), true)
end)

T.test("filesystem_getDirectoryItems_sorted", function()
    -- LÖVE (PhysFS) lists in byte order; games load "level1, level2, ..." in that order.
    fs.createDirectory("order")
    for _, n in ipairs({ "b.txt", "a.txt", "C.txt", "a2.txt" }) do fs.write("order/" .. n, n) end
    T.eq(table.concat(fs.getDirectoryItems("order"), ","), "C.txt,a.txt,a2.txt,b.txt")
end)

T.run()

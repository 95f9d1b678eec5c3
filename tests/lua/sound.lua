-- love.sound: SoundData and Decoder. Audio files come from tests/assets/audio (the
-- harness copies them into the game as assets/audio).
local T = require("testlib")

local A = "assets/audio/"

T.test("sound_newSoundData_empty", function()
    local sd = love.sound.newSoundData(100, 22050, 8, 1)
    T.eq(sd:type(), "SoundData")
    T.eq(sd:typeOf("Data"), true)
    T.eq(sd:typeOf("Object"), true)
    T.eq(sd:typeOf("Source"), false)
    T.eq(sd:getSampleCount(), 100)
    T.eq(sd:getSampleRate(), 22050)
    T.eq(sd:getBitDepth(), 8)
    T.eq(sd:getChannelCount(), 1)
    T.eq(sd:getSize(), 100)
    T.near(sd:getDuration(), 100 / 22050)
    T.eq(sd:getSample(0), 0)
    local d = love.sound.newSoundData(10)
    T.eq(d:getSampleRate(), 44100)
    T.eq(d:getBitDepth(), 16)
    T.eq(d:getChannelCount(), 2)
    T.eq(d:getSize(), 40)
end)

T.test("sound_newSoundData_errors", function()
    T.err("Invalid sample count: 0", love.sound.newSoundData, 0)
    T.err("Invalid bit depth: 12", love.sound.newSoundData, 100, 44100, 12, 1)
    T.err("Invalid channel count: 0", love.sound.newSoundData, 100, 44100, 16, 0)
    T.err("Could not open file nofile.wav. Does not exist.", love.sound.newSoundData, "nofile.wav")
    T.err("bad argument #1 to 'newSoundData' (string expected, got nil)", love.sound.newSoundData, nil)
end)

T.test("sound_SoundData_setSample_getSample", function()
    local sd = love.sound.newSoundData(4, 44100, 16, 1)
    sd:setSample(1, 0.5)
    -- LÖVE 11.4 reads back 0.49998474074526 (16-bit storage)
    T.near(sd:getSample(1), 0.49998474074526, 1e-9)
    sd:setSample(2, -1)
    T.eq(sd:getSample(2), -1)
    sd:setSample(3, 5)
    T.eq(sd:getSample(3), 1, "clamped")
    T.near(sd:getSample(1.9), 0.49998474074526, 1e-9, "index truncates")
    T.err("Attempt to get out-of-range sample!", sd.getSample, sd, 4)
    T.err("Attempt to get out-of-range sample!", sd.getSample, sd, -1)
    T.err("Attempt to set out-of-range sample!", sd.setSample, sd, 4, 0)
    T.err("bad argument #3 to 'setSample' (number expected, got no value)", sd.setSample, sd, 0)
end)

T.test("sound_SoundData_channels", function()
    local sd = love.sound.newSoundData(3, 44100, 16, 2)
    sd:setSample(1, 2, 0.25)
    T.near(sd:getSample(1, 2), 0.25, 1e-4)
    T.near(sd:getSample(3), 0.25, 1e-4, "interleaved index")
    T.eq(sd:getSample(1, 1), 0)
    T.err("Attempt to get sample from out-of-range channel!", sd.getSample, sd, 0, 3)
    T.err("Attempt to get sample from out-of-range channel!", sd.getSample, sd, 0, 0)
    T.err("Attempt to get out-of-range sample!", sd.getSample, sd, 3, 1)
end)

T.test("sound_SoundData_clone_and_release", function()
    local sd = love.sound.newSoundData(2, 44100, 16, 1)
    sd:setSample(0, 0.5)
    local c = sd:clone()
    c:setSample(0, -0.5)
    T.near(sd:getSample(0), 0.5, 1e-4, "clone is a copy")
    T.eq(#sd:getString(), 4)
    T.eq(sd:release(), true)
    T.err("Cannot use object after it has been released.", sd.getSample, sd, 0)
end)

T.test("sound_newSoundData_files", function()
    for _, f in ipairs({ "tone.wav", "tone.ogg", "tone.flac", "tone.mp3" }) do
        local sd = love.sound.newSoundData(A .. f)
        T.eq(sd:getChannelCount(), 1, f)
        T.eq(sd:getSampleRate(), 22050, f)
        T.eq(sd:getBitDepth(), 16, f)
        -- 0.25 s; mp3 adds encoder delay and padding (symphonia 0.6 does not trim them)
        T.near(sd:getDuration(), 0.25, 0.08, f)
        local peak = 0
        for i = 0, sd:getSampleCount() - 1, 7 do peak = math.max(peak, math.abs(sd:getSample(i))) end
        T.near(peak, 0.5, 0.06, f .. " peak")
    end
    local st = love.sound.newSoundData(A .. "stereo.wav")
    T.eq(st:getChannelCount(), 2)
end)

T.test("sound_newSoundData_corrupt", function()
    local ok, e = pcall(love.sound.newSoundData, A .. "bogus.ogg")
    T.eq(ok, false)
    T.eq(e:find("Could not decode file 'assets/audio/bogus.ogg'", 1, true) ~= nil, true, e)
end)

T.test("sound_newDecoder", function()
    local d = love.sound.newDecoder(A .. "tone.ogg", 2048)
    T.eq(d:type(), "Decoder")
    T.eq(d:typeOf("Object"), true)
    T.eq(d:getChannelCount(), 1)
    T.eq(d:getSampleRate(), 22050)
    T.eq(d:getBitDepth(), 16)
    T.near(d:getDuration(), 0.25, 0.01)
    local total, chunks = 0, 0
    while true do
        local sd = d:decode()
        if not sd then break end
        T.eq(sd:type(), "SoundData")
        total = total + sd:getSampleCount()
        chunks = chunks + 1
        T.eq(sd:getSampleCount() <= 1024, true, "chunk of at most 2048 bytes")
    end
    T.near(total, 22050 * 0.25, 200)
    T.eq(chunks > 2, true)
    d:seek(0.125)
    local rest = 0
    while true do
        local sd = d:decode()
        if not sd then break end
        rest = rest + sd:getSampleCount()
    end
    T.near(rest, total / 2, 600)
    local c = d:clone()
    T.eq(c:decode():getSampleCount() > 0, true, "clone starts at the beginning")
    T.err("bad argument #2 to 'seek' (can't seek to a negative position)", d.seek, d, -1)
    T.err("Could not open file nofile.ogg. Does not exist.", love.sound.newDecoder, "nofile.ogg")
end)

T.test("sound_newSoundData_from_Decoder", function()
    local d = love.sound.newDecoder(A .. "tone.wav")
    local sd = love.sound.newSoundData(d)
    T.eq(sd:getSampleCount(), 5512)
end)

T.run()

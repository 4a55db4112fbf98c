using Ptracer.Seccomp;
using Xunit;

namespace Ptracer.Tests.Seccomp;

public class SeccompActionTests
{
    public static TheoryData<string, uint> ReturnValues() => new()
    {
        // linux/seccomp.h
        { "KillProcess", 0x80000000 },
        { "KillThread", 0x00000000 },
        { "Trap(7)", 0x00030007 },
        { "Errno(13)", 0x0005000d },
        { "UserNotif", 0x7fc00000 },
        { "Trace(513)", 0x7ff00201 },
        { "Log", 0x7ffc0000 },
        { "Allow", 0x7fff0000 },
    };

    [Theory]
    [MemberData(nameof(ReturnValues))]
    public void Return_values_are_the_header_constants_and_decode_back(string name, uint value)
    {
        SeccompAction action = SeccompAction.FromReturnValue(value);
        Assert.Equal(name, action.ToString());
        Assert.Equal(value, action.ReturnValue);
    }

    [Fact]
    public void Errno_is_limited_to_the_kernel_range()
    {
        Assert.Equal(4095, SeccompAction.Errno(4095).Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeccompAction.Errno(4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeccompAction.Errno(-1));
    }

    [Fact]
    public void Default_action_value_kills()
    {
        Assert.Equal(SeccompAction.KillProcess, default);
    }

    [Fact]
    public void Arg_conditions_reject_impossible_or_malformed_tests()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArgCondition.Eq(6, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArgCondition.Eq(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArgCondition.Eq(0, 0x1_0000_0000, ArgWidth.Bits32));
        Assert.Throws<ArgumentException>(() => ArgCondition.MaskedEq(0, mask: 0x3, value: 0x4));
        Assert.Equal(0xffffffffUL, ArgCondition.Lt(0, 5, ArgWidth.Bits32).Mask);
        Assert.Equal("(arg1 & 0x3) == 0x1", ArgCondition.MaskedEq(1, 0x3, 0x1).ToString());
    }
}

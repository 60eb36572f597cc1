using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Caravan.Exchange.As4.Crypto;

/// <summary>
/// The GHASH universal hash of GCM (NIST SP 800-38D, 6.4), fed whole 16-byte blocks. Uses carry-less
/// multiplication (PCLMULQDQ) with four-block aggregation when the CPU has it, and a constant-time bitwise
/// multiplication otherwise.
/// </summary>
internal sealed class GHash
{
    public const int BlockSize = 16;

    private static readonly Vector128<byte> ByteReverse =
        Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    private readonly bool _hardware;

    // Portable representation: the block as two big-endian halves (bit 63 of Hi is the x^0 coefficient).
    private readonly ulong _hHi;
    private readonly ulong _hLo;
    private ulong _yHi;
    private ulong _yLo;

    // Hardware representation: blocks byte-reversed into one 128-bit little-endian lane, so the field
    // element is bit-reflected; powers of H let four blocks share one reduction.
    private readonly Vector128<ulong> _h1;
    private readonly Vector128<ulong> _h2;
    private readonly Vector128<ulong> _h3;
    private readonly Vector128<ulong> _h4;
    private Vector128<ulong> _y;

    /// <summary>Whether this process can use the carry-less multiplication path.</summary>
    public static bool IsHardwareAccelerated => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    public GHash(ReadOnlySpan<byte> hashSubkey, bool allowHardware = true)
    {
        if (hashSubkey.Length != BlockSize)
        {
            throw new ArgumentException("The GHASH subkey is one 16-byte block.", nameof(hashSubkey));
        }
        _hardware = allowHardware && IsHardwareAccelerated;
        if (_hardware)
        {
            _h1 = LoadReversed(hashSubkey);
            _h2 = MultiplyReduce(_h1, _h1);
            _h3 = MultiplyReduce(_h2, _h1);
            _h4 = MultiplyReduce(_h3, _h1);
        }
        else
        {
            _hHi = BinaryPrimitives.ReadUInt64BigEndian(hashSubkey);
            _hLo = BinaryPrimitives.ReadUInt64BigEndian(hashSubkey[8..]);
        }
    }

    /// <summary>Absorbs <paramref name="blocks"/>, whose length must be a multiple of 16.</summary>
    public void Update(ReadOnlySpan<byte> blocks)
    {
        if (blocks.Length % BlockSize != 0)
        {
            throw new ArgumentException("GHASH absorbs whole 16-byte blocks.", nameof(blocks));
        }
        if (_hardware)
        {
            UpdateHardware(blocks);
        }
        else
        {
            UpdatePortable(blocks);
        }
    }

    /// <summary>Writes the current hash value (16 bytes).</summary>
    public void GetValue(Span<byte> destination)
    {
        if (_hardware)
        {
            Ssse3.Shuffle(_y.AsByte(), ByteReverse).CopyTo(destination);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _yHi);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _yLo);
        }
    }

    private void UpdateHardware(ReadOnlySpan<byte> blocks)
    {
        var y = _y;
        ref var start = ref MemoryMarshal.GetReference(blocks);
        nuint length = (nuint)blocks.Length;
        nuint offset = 0;
        while (length - offset >= 4 * BlockSize)
        {
            var x1 = LoadReversed(ref start, offset) ^ y;
            var x2 = LoadReversed(ref start, offset + 16);
            var x3 = LoadReversed(ref start, offset + 32);
            var x4 = LoadReversed(ref start, offset + 48);
            var lo = Vector128<ulong>.Zero;
            var mid = Vector128<ulong>.Zero;
            var hi = Vector128<ulong>.Zero;
            MultiplyAccumulate(x1, _h4, ref lo, ref mid, ref hi);
            MultiplyAccumulate(x2, _h3, ref lo, ref mid, ref hi);
            MultiplyAccumulate(x3, _h2, ref lo, ref mid, ref hi);
            MultiplyAccumulate(x4, _h1, ref lo, ref mid, ref hi);
            y = Reduce(lo, mid, hi);
            offset += 4 * BlockSize;
        }
        while (offset < length)
        {
            y = MultiplyReduce(LoadReversed(ref start, offset) ^ y, _h1);
            offset += BlockSize;
        }
        _y = y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> LoadReversed(ReadOnlySpan<byte> block) =>
        LoadReversed(ref MemoryMarshal.GetReference(block), 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> LoadReversed(ref byte start, nuint offset) =>
        Ssse3.Shuffle(Vector128.LoadUnsafe(ref start, offset), ByteReverse).AsUInt64();

    /// <summary>Adds the 256-bit carry-less product of a and b, as three partial products, to the accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAccumulate(
        Vector128<ulong> a, Vector128<ulong> b, ref Vector128<ulong> lo, ref Vector128<ulong> mid, ref Vector128<ulong> hi)
    {
        lo ^= Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        mid ^= Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        hi ^= Pclmulqdq.CarrylessMultiply(a, b, 0x11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> MultiplyReduce(Vector128<ulong> a, Vector128<ulong> b)
    {
        var lo = Vector128<ulong>.Zero;
        var mid = Vector128<ulong>.Zero;
        var hi = Vector128<ulong>.Zero;
        MultiplyAccumulate(a, b, ref lo, ref mid, ref hi);
        return Reduce(lo, mid, hi);
    }

    /// <summary>
    /// Turns the carry-less product of two bit-reflected elements into the reflected GF(2^128) product:
    /// the 255-bit product is shifted left by one bit (reflection offset) and then reduced modulo
    /// x^128 + x^7 + x^2 + x + 1, folding the low half into the high half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> lo, Vector128<ulong> mid, Vector128<ulong> hi)
    {
        var low = (lo ^ Sse2.ShiftLeftLogical128BitLane(mid, 8)).AsUInt32();
        var high = (hi ^ Sse2.ShiftRightLogical128BitLane(mid, 8)).AsUInt32();

        // Shift the 256-bit value high:low left by one bit.
        var lowCarries = Sse2.ShiftRightLogical(low, 31);
        var highCarries = Sse2.ShiftRightLogical(high, 31);
        low = Sse2.ShiftLeftLogical(low, 1) | Sse2.ShiftLeftLogical128BitLane(lowCarries, 4);
        high = Sse2.ShiftLeftLogical(high, 1)
            | Sse2.ShiftLeftLogical128BitLane(highCarries, 4)
            | Sse2.ShiftRightLogical128BitLane(lowCarries, 12);

        // First folding step: multiply the low half by x^127 + x^126 + x^121 (left shifts 31, 30, 25).
        var fold = Sse2.ShiftLeftLogical(low, 31) ^ Sse2.ShiftLeftLogical(low, 30) ^ Sse2.ShiftLeftLogical(low, 25);
        var foldCarry = Sse2.ShiftRightLogical128BitLane(fold, 4);
        low ^= Sse2.ShiftLeftLogical128BitLane(fold, 12);

        // Second folding step: right shifts 1, 2, 7 and the carried part of the first step.
        var second = Sse2.ShiftRightLogical(low, 1) ^ Sse2.ShiftRightLogical(low, 2) ^ Sse2.ShiftRightLogical(low, 7) ^ foldCarry;
        return (high ^ low ^ second).AsUInt64();
    }

    private void UpdatePortable(ReadOnlySpan<byte> blocks)
    {
        var yHi = _yHi;
        var yLo = _yLo;
        for (var offset = 0; offset < blocks.Length; offset += BlockSize)
        {
            yHi ^= BinaryPrimitives.ReadUInt64BigEndian(blocks[offset..]);
            yLo ^= BinaryPrimitives.ReadUInt64BigEndian(blocks[(offset + 8)..]);
            MultiplyPortable(ref yHi, ref yLo, _hHi, _hLo);
        }
        _yHi = yHi;
        _yLo = yLo;
    }

    /// <summary>Right-shift multiplication of SP 800-38D Algorithm 1, branch-free on secret bits.</summary>
    private static void MultiplyPortable(ref ulong xHi, ref ulong xLo, ulong hHi, ulong hLo)
    {
        ulong zHi = 0;
        ulong zLo = 0;
        var vHi = hHi;
        var vLo = hLo;
        for (var i = 0; i < 128; i++)
        {
            var word = i < 64 ? xHi : xLo;
            var bit = (word >> (63 - (i & 63))) & 1;
            var take = 0UL - bit;
            zHi ^= vHi & take;
            zLo ^= vLo & take;
            var carry = 0UL - (vLo & 1);
            vLo = (vLo >> 1) | (vHi << 63);
            vHi = (vHi >> 1) ^ (0xE100000000000000UL & carry);
        }
        xHi = zHi;
        xLo = zLo;
    }
}

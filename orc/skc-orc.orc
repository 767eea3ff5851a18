# Inner loops of the fixed-kernel path (core/skc-filter.c).  Samples are Q6
# int16, weights Q14 int16, accumulation in int32 — bit-identical to the plain
# C path.  ORC allows 8 sources and 8 parameters per function, so a layer's
# taps run four at a time through an accumulator row.

.function skc_orc_mac4
.dest 4 acc int32_t
.source 4 accin int32_t
.source 2 s1 int16_t
.source 2 s2 int16_t
.source 2 s3 int16_t
.source 2 s4 int16_t
.param 2 w1 int16_t
.param 2 w2 int16_t
.param 2 w3 int16_t
.param 2 w4 int16_t
.temp 4 t
.temp 4 u

mulswl t, s1, w1
mulswl u, s2, w2
addl t, t, u
mulswl u, s3, w3
addl t, t, u
mulswl u, s4, w4
addl t, t, u
addl acc, accin, t

.function skc_orc_mac1
.dest 4 acc int32_t
.source 4 accin int32_t
.source 2 s1 int16_t
.param 2 w1 int16_t
.temp 4 t

mulswl t, s1, w1
addl acc, accin, t

.function skc_orc_round_s32_s16
.dest 2 d int16_t
.source 4 a int32_t
.temp 4 t

addl t, a, 8192
shrsl t, t, 14
convssslw d, t

# The 16-bit variant: weights Q16 (|w| < ½; larger taps are split), each
# product rounded to nearest — (x·w + 2¹⁵) >> 16 as the high half plus bit 15
# of the low half — and summed with saturation in 16 bits, 8 lanes per SSE
# register instead of 4.
.function skc_orc_mac4_s16
.dest 2 acc int16_t
.source 2 accin int16_t
.source 2 s1 int16_t
.source 2 s2 int16_t
.source 2 s3 int16_t
.source 2 s4 int16_t
.param 2 w1 int16_t
.param 2 w2 int16_t
.param 2 w3 int16_t
.param 2 w4 int16_t
.temp 2 t
.temp 2 u
.temp 2 v

mulhsw t, s1, w1
mullw u, s1, w1
shruw u, u, 15
addw t, t, u
mulhsw v, s2, w2
mullw u, s2, w2
shruw u, u, 15
addw v, v, u
addssw t, t, v
mulhsw v, s3, w3
mullw u, s3, w3
shruw u, u, 15
addw v, v, u
addssw t, t, v
mulhsw v, s4, w4
mullw u, s4, w4
shruw u, u, 15
addw v, v, u
addssw t, t, v
addssw acc, accin, t

.function skc_orc_mac1_s16
.dest 2 acc int16_t
.source 2 accin int16_t
.source 2 s1 int16_t
.param 2 w1 int16_t
.temp 2 t
.temp 2 u

mulhsw t, s1, w1
mullw u, s1, w1
shruw u, u, 15
addw t, t, u
addssw acc, accin, t

# Conversions between 8-bit samples and the engine's Q6 planes (skc-plane.h),
# the same results as the C loops: saturating the +32 changes nothing that
# the clamp to 255 would not.
.function skc_orc_u8_to_q6
.dest 2 d int16_t
.source 1 s uint8_t
.temp 2 t

convubw t, s
shlw d, t, 6

.function skc_orc_q6_to_u8
.dest 1 d uint8_t
.source 2 s int16_t
.temp 2 t

addssw t, s, 32
shrsw t, t, 6
convsuswb d, t

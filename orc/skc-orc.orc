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

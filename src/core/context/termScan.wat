;; The code search's term counter (see termScan.ts; compiled by scripts/wasm.mjs into termScanWasm.ts). It counts what
;; the search regex (codeSearch.ts: the terms as one case-insensitive alternation, longest first) counts: at each
;; position from the left, the longest term that starts there (ASCII letters in any case); a match counts only at the
;; start of an identifier part (after a non-alphanumeric, or a camelCase hump), and the search goes on after it either
;; way. Counts go to counts[term]; each term's number is added to seen[] when first counted; returns how many were.
;;
;; Memory (laid out by termScan.ts): bytes 0..255 the class of each byte (0: not ASCII alphanumeric; 1..36: 0-9 and
;; a-z, A-Z folded to a-z); bytes 256..511 its kind (0: other, 1: a-z or 0-9, 2: A-Z); at $big, one byte per pair of
;; classes: the pair's number when some term begins with it, else 0; at $tri, 37 bytes per pair number, set for each
;; class that can follow the pair at the start of some term (row 0 all clear), so only positions whose first three
;; characters begin a term are tried; at $tab, the terms' trie (37 i32 per node, child by class, 0: none; node 0 the
;; root); at $termAt, per node, the term that ends there or -1; at $ted, eight 16-byte tables (a superset filter,
;; "Teddy" as Hyperscan has it): for each of a term's first four characters, which of eight buckets of terms hold a
;; character with a given low nibble, then a given high nibble (a byte is OR-ed with 0x20 first, folding A-Z; a term
;; shorter than four characters lets any byte through at the places it does not reach). Sixteen positions are tested
;; at once: a position no bucket lets through cannot begin a term and is passed without its classes being looked up;
;; one it lets through is tried exactly (its first three classes, then the trie). text[n] up to text[n + 19] must be
;; zero bytes (class 0; 0x20 once folded, which no bucket lets through as a first character).
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $text i32) (param $n i32) (param $tab i32) (param $termAt i32) (param $counts i32) (param $seen i32) (param $big i32) (param $tri i32) (param $ted i32) (result i32)
    (local $i i32) (local $j i32) (local $c i32) (local $cn i32) (local $node i32) (local $best i32) (local $end i32) (local $kp i32) (local $t i32) (local $nseen i32) (local $p i32) (local $v i32) (local $c2 i32) (local $m i32) (local $base i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128) (local $lo3 v128) (local $hi3 v128) (local $f v128) (local $fold v128) (local $nib v128)
    (local.set $fold (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) ;; ORed in: A-Z become a-z
    (local.set $nib (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)) ;; a byte's low nibble
    (local.set $lo0 (v128.load (local.get $ted)))
    (local.set $hi0 (v128.load offset=16 (local.get $ted)))
    (local.set $lo1 (v128.load offset=32 (local.get $ted)))
    (local.set $hi1 (v128.load offset=48 (local.get $ted)))
    (local.set $lo2 (v128.load offset=64 (local.get $ted)))
    (local.set $hi2 (v128.load offset=80 (local.get $ted)))
    (local.set $lo3 (v128.load offset=96 (local.get $ted)))
    (local.set $hi3 (v128.load offset=112 (local.get $ted)))
    (local.set $base (i32.const -16)) ;; no window yet: the first position tests one
    (block $done
      (loop $outer
        ;; on to the next position whose first three characters begin some term
        (block $found
          (loop $skip
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            ;; the positions of [base, base + 16) that some bucket lets through (see $ted above), tested again once i
            ;; has left that window
            (if (i32.ge_u (i32.sub (local.get $i) (local.get $base)) (i32.const 16))
              (then
                (local.set $base (local.get $i))
                (local.set $p (i32.add (local.get $text) (local.get $i)))
                (local.set $f (v128.or (v128.load (local.get $p)) (local.get $fold)))
                (local.set $m (i8x16.bitmask (i8x16.ne (v128.const i64x2 0 0) (v128.and (v128.and (v128.and
                  (v128.and
                    (i8x16.swizzle (local.get $lo0) (v128.and (local.get $f) (local.get $nib)))
                    (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $f) (i32.const 4))))
                  (block (result v128)
                    (local.set $f (v128.or (v128.load offset=1 (local.get $p)) (local.get $fold)))
                    (v128.and
                      (i8x16.swizzle (local.get $lo1) (v128.and (local.get $f) (local.get $nib)))
                      (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $f) (i32.const 4))))))
                  (block (result v128)
                    (local.set $f (v128.or (v128.load offset=2 (local.get $p)) (local.get $fold)))
                    (v128.and
                      (i8x16.swizzle (local.get $lo2) (v128.and (local.get $f) (local.get $nib)))
                      (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $f) (i32.const 4))))))
                  (block (result v128)
                    (local.set $f (v128.or (v128.load offset=3 (local.get $p)) (local.get $fold)))
                    (v128.and
                      (i8x16.swizzle (local.get $lo3) (v128.and (local.get $f) (local.get $nib)))
                      (i8x16.swizzle (local.get $hi3) (i8x16.shr_u (local.get $f) (i32.const 4)))))))))))
            ;; those from i on (the ones before were passed, or lie inside a match)
            (local.set $m (i32.and (local.get $m) (i32.shl (i32.const -1) (i32.sub (local.get $i) (local.get $base)))))
            (if (i32.eqz (local.get $m))
              (then
                (local.set $i (i32.add (local.get $base) (i32.const 16)))
                (br $skip)))
            (local.set $i (i32.add (local.get $base) (i32.ctz (local.get $m))))
            ;; the first of them, tested exactly: its first three classes begin a term
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $p (i32.add (local.get $text) (local.get $i)))
            (local.set $c (i32.load8_u (i32.load8_u (local.get $p))))
            (local.set $cn (i32.load8_u (i32.load8_u offset=1 (local.get $p))))
            (local.set $c2 (i32.load8_u (i32.load8_u offset=2 (local.get $p))))
            (br_if $found (i32.load8_u (i32.add (local.get $tri) (i32.add (i32.mul
              (i32.load8_u (i32.add (local.get $big) (i32.add (i32.mul (local.get $c) (i32.const 37)) (local.get $cn))))
              (i32.const 37)) (local.get $c2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $skip)))
        ;; the longest term that starts at i
        (local.set $node (i32.load (i32.add (local.get $tab) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (local.set $best (i32.load (i32.add (local.get $termAt) (i32.shl (local.get $node) (i32.const 2)))))
        (local.set $end (local.get $j))
        (block $stop
          (loop $inner
            (br_if $stop (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $t (i32.load8_u (i32.load8_u (i32.add (local.get $text) (local.get $j)))))
            (br_if $stop (i32.eqz (local.get $t)))
            (local.set $node (i32.load (i32.add (local.get $tab)
              (i32.shl (i32.add (i32.mul (local.get $node) (i32.const 37)) (local.get $t)) (i32.const 2)))))
            (br_if $stop (i32.eqz (local.get $node)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (local.set $t (i32.load (i32.add (local.get $termAt) (i32.shl (local.get $node) (i32.const 2)))))
            (if (i32.ge_s (local.get $t) (i32.const 0))
              (then (local.set $best (local.get $t)) (local.set $end (local.get $j))))
            (br $inner)))
        (if (i32.lt_s (local.get $best) (i32.const 0))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $outer)))
        ;; counted only at the start of an identifier part; either way the search goes on after the match
        (block $count
          (br_if $count (i32.eqz (local.get $i)))
          (local.set $kp (i32.load8_u (i32.add (i32.const 256) (i32.load8_u (i32.sub (i32.add (local.get $text) (local.get $i)) (i32.const 1))))))
          (br_if $count (i32.eqz (local.get $kp)))
          (br_if $count (i32.and (i32.eq (local.get $kp) (i32.const 1))
            (i32.eq (i32.load8_u (i32.add (i32.const 256) (i32.load8_u (i32.add (local.get $text) (local.get $i))))) (i32.const 2))))
          (local.set $i (local.get $end))
          (br $outer))
        (local.set $p (i32.add (local.get $counts) (i32.shl (local.get $best) (i32.const 2))))
        (local.set $v (i32.load (local.get $p)))
        (i32.store (local.get $p) (i32.add (local.get $v) (i32.const 1)))
        (if (i32.eqz (local.get $v))
          (then
            (i32.store (i32.add (local.get $seen) (i32.shl (local.get $nseen) (i32.const 2))) (local.get $best))
            (local.set $nseen (i32.add (local.get $nseen) (i32.const 1)))))
        (local.set $i (local.get $end))
        (br $outer)))
    (local.get $nseen))
  ;; The positions p < n where a quote (' or ") is followed by a dot: where a relative module string may begin (see
  ;; importGraph.ts). Written to out as i32; returns how many there are (past max, max + 1 and out is incomplete).
  (func (export "quoteDots") (param $text i32) (param $n i32) (param $out i32) (param $max i32) (result i32)
    (local $i i32) (local $m i32) (local $k i32) (local $v v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (v128.load (i32.add (local.get $text) (local.get $i))))
        (local.set $m (i8x16.bitmask (v128.and
          (v128.or
            (i8x16.eq (local.get $v) (v128.const i8x16 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27 0x27))
            (i8x16.eq (local.get $v) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22)))
          (i8x16.eq (v128.load offset=1 (i32.add (local.get $text) (local.get $i))) (v128.const i8x16 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e)))))
        ;; only positions before n
        (if (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 16))
          (then (local.set $m (i32.and (local.get $m) (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $i))) (i32.const 1))))))
        (block $lanes
          (loop $lane
            (br_if $lanes (i32.eqz (local.get $m)))
            (if (i32.ge_u (local.get $k) (local.get $max)) (then (return (i32.add (local.get $max) (i32.const 1)))))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (i32.add (local.get $i) (i32.ctz (local.get $m))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (br $lane)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (local.get $k))
)

//! Interval fuzz: spreads reviews so cards learned together do not stay
//! together. Ranges follow py-fsrs; the random draw is seeded from the card
//! and its review count, so replaying a history gives the same intervals.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

const FUZZ_RANGES: [(f64, f64, f64); 3] = [
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.1),
    (20.0, f64::INFINITY, 0.05),
];

/// The inclusive range of days a fuzzed interval may take.
pub fn fuzz_range(days: u32, maximum: u32) -> (u32, u32) {
    let d = f64::from(days);
    let delta = 1.0
        + FUZZ_RANGES
            .iter()
            .map(|(start, end, factor)| factor * (d.min(*end) - start).max(0.0))
            .sum::<f64>();
    let mut lo = (d - delta).round_ties_even().max(2.0) as u32;
    let hi = ((d + delta).round_ties_even() as u32).min(maximum);
    lo = lo.min(hi);
    (lo, hi)
}

pub fn fuzz_days(days: u32, maximum: u32, card_seed: u64, reps: u32) -> u32 {
    if f64::from(days) < 2.5 {
        return days;
    }
    let (lo, hi) = fuzz_range(days, maximum);
    let seed = card_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(reps);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let r: f64 = rng.random();
    let fuzzed = (r * f64::from(hi - lo + 1) + f64::from(lo)).round_ties_even() as u32;
    fuzzed.min(maximum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzz_stays_in_range_and_repeats() {
        for days in [3, 7, 30, 365, 3000] {
            let (lo, hi) = fuzz_range(days, 36_500);
            for seed in 0..50 {
                let f = fuzz_days(days, 36_500, seed, 4);
                assert!(lo <= f && f <= hi + 1, "{days}: {f} outside {lo}..={hi}");
                assert_eq!(f, fuzz_days(days, 36_500, seed, 4));
            }
        }
        assert_eq!(fuzz_days(2, 36_500, 1, 1), 2);
        assert_eq!(fuzz_range(100, 100).1, 100);
    }
}

//! Grading a multiple-choice answer and shuffling options.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::bank::Question;
use crate::sched::Rating;

/// Whether `chosen` (original indices) is exactly the key, and the rating that
/// follows: wrong -> Again, right -> Good. Multiple-response items are
/// all-or-nothing, as on the real exam.
pub fn grade(question: &Question, chosen: &[usize]) -> (bool, Rating) {
    let mut chosen = chosen.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    let correct = !question.answer.is_empty() && chosen == question.answer;
    (correct, if correct { Rating::Good } else { Rating::Again })
}

/// A fresh option order for each presentation, seeded from the card and its
/// review count so that it is reproducible and recorded, never memorisable.
pub fn shuffled_order(choices: usize, card_seed: u64, reps: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..choices).collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(card_seed ^ (u64::from(reps) << 32 | 0x5EED));
    order.shuffle(&mut rng);
    order
}

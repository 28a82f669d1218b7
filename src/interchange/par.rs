//! Splitting work over threads.

use std::ops::Range;

/// Runs `work` on `threads` consecutive ranges covering `0..n` and returns
/// their results in order. A thread that fails (panics) is a bug: its panic
/// is resumed as it was, never turned into a made-up result.
pub(crate) fn ranges<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let threads = threads.max(1);
    if threads == 1 {
        return vec![work(0..n)];
    }
    let step = n.div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let work = &work;
                s.spawn(move || work((t * step).min(n)..((t + 1) * step).min(n)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranges_cover_everything_in_order() {
        for threads in 1..5 {
            let parts = super::ranges(10, threads, |r| r.collect::<Vec<_>>());
            assert_eq!(parts.concat(), (0..10).collect::<Vec<_>>());
        }
        assert_eq!(super::ranges(0, 3, |r| r.len()).iter().sum::<usize>(), 0);
    }
}

//! A tiny metrics library with one loop that needs its index and two that don't.

pub struct Series {
    pub points: Vec<f64>,
}

impl Series {
    pub fn mean(&self) -> f64 {
        let mut sum = 0.0;
        for i in 0..self.points.len() {
            sum += self.points[i];
        }
        sum / self.points.len() as f64
    }

    /// Differences between neighbours: the index is needed.
    pub fn deltas(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for i in 1..self.points.len() {
            out.push(self.points[i] - self.points[i - 1]);
        }
        out
    }

    pub fn print(&self) {
        for i in 0..self.points.len() {
            println!("{:.2}", self.points[i]);
        }
    }

    pub fn max(&self) -> Option<f64> {
        self.points.iter().copied().reduce(f64::max)
    }
}

//! Server-sent events for `streamGenerateContent?alt=sse`: fed byte chunks as they arrive, yields
//! each event's `data`. No line-length limit: an image arrives as one line of many megabytes.

/// Incremental SSE decoder.
#[derive(Default)]
pub struct SseDecoder {
    buf: Vec<u8>,
    /// Bytes of `buf` already searched for a line end.
    scanned: usize,
    data: Vec<u8>,
    has_data: bool,
}

impl SseDecoder {
    /// Feeds a chunk; returns the data of every event completed by it.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Vec<u8>> {
        self.buf.extend_from_slice(chunk);
        let mut events = Vec::new();
        let mut start = 0;
        let mut i = self.scanned;
        while i < self.buf.len() {
            let b = self.buf[i];
            if b == b'\n' || b == b'\r' {
                // A lone '\r' at the end may be the first half of "\r\n": wait for more.
                if b == b'\r' && i + 1 == self.buf.len() {
                    break;
                }
                let line_end = i;
                i += if b == b'\r' && self.buf[i + 1] == b'\n' {
                    2
                } else {
                    1
                };
                let line = self.buf[start..line_end].to_vec();
                self.line(&line, &mut events);
                start = i;
            } else {
                i += 1;
            }
        }
        self.buf.drain(..start);
        self.scanned = i - start;
        events
    }

    /// Ends the stream: a last event without its blank line still counts.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        if !self.buf.is_empty() {
            let line = std::mem::take(&mut self.buf);
            let mut events = Vec::new();
            self.line(&line, &mut events);
        }
        self.has_data.then_some(self.data)
    }

    fn line(&mut self, line: &[u8], events: &mut Vec<Vec<u8>>) {
        if line.is_empty() {
            if self.has_data {
                events.push(std::mem::take(&mut self.data));
                self.has_data = false;
            }
            return;
        }
        if line[0] == b':' {
            return;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(p) => {
                let v = &line[p + 1..];
                (&line[..p], v.strip_prefix(b" ").unwrap_or(v))
            }
            None => (line, &[][..]),
        };
        if field == b"data" {
            if self.has_data {
                self.data.push(b'\n');
            }
            self.data.extend_from_slice(value);
            self.has_data = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_events_across_arbitrary_chunks() {
        let stream =
            b": comment\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: {\"b\":\ndata: 2}\n\ndata: tail";
        for size in 1..stream.len() {
            let mut d = SseDecoder::default();
            let mut events = Vec::new();
            for chunk in stream.chunks(size) {
                events.extend(d.push(chunk));
            }
            events.extend(d.finish());
            assert_eq!(
                events,
                vec![
                    b"{\"a\":1}".to_vec(),
                    b"{\"b\":\n2}".to_vec(),
                    b"tail".to_vec()
                ],
                "chunk size {size}"
            );
        }
    }

    #[test]
    fn long_line_is_not_rescanned() {
        let mut d = SseDecoder::default();
        assert!(d.push(b"data: ").is_empty());
        for _ in 0..1000 {
            assert!(d.push(&[b'A'; 1000]).is_empty());
        }
        let ev = d.push(b"\n\n");
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].len(), 1_000_000);
    }
}

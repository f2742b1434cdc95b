#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mummer_fuzz::ws_receiver(data));

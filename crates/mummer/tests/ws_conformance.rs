//! WebSocket conformance, modelled on the Autobahn testsuite's client cases, against the
//! testkit's scripted server (`mummer_testkit::ws`): each case checks what mummer received
//! and exactly what it sent back (every frame masked, pongs, close codes), by section:
//! 1 framing, 2 ping/pong, 3 reserved bits, 4 opcodes, 5 fragmentation, 6 UTF-8, 7 close,
//! 9 limits, 12/13 permessage-deflate, plus the handshake and faults (cut mid-frame and
//! mid-message, a close never answered).
//!
//! The reader and writer run as tasks (the default); `ws_conformance_driven.rs` runs the same
//! cases with the WebSocket driven by its own calls.

const DRIVEN_BY_CALLS: bool = false;

include!("ws_suite/conformance.rs");

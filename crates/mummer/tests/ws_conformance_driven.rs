//! The WebSocket conformance suite (`ws_conformance.rs`) with every WebSocket driven by its
//! own calls (`WebSocketBuilder::driven_by_calls`): no reader or writer task, the connection
//! read and written only while a call waits, as the sync Python client runs it.

const DRIVEN_BY_CALLS: bool = true;

include!("ws_suite/conformance.rs");

/// A WebSocket to the test server's `target`, opened on a current-thread runtime that several
/// threads block on at once; the server runs on a runtime of its own.
struct Threaded {
    server_rt: tokio::runtime::Runtime,
    rt: std::sync::Arc<tokio::runtime::Runtime>,
    s: WsServer,
    ws: std::sync::Arc<WebSocket>,
}

fn threaded(target: &str) -> Threaded {
    let server_rt = tokio::runtime::Runtime::new().expect("runtime");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let s = server_rt.block_on(server());
    let ws = rt.block_on(builder(&s, target).connect()).expect("connect");
    Threaded {
        server_rt,
        rt: std::sync::Arc::new(rt),
        s,
        ws: std::sync::Arc::new(ws),
    }
}

#[test]
fn one_thread_receives_while_another_sends() {
    // Thread A waits in recv the whole time; thread B's sends must be written although A
    // holds the connection's turn, and A must keep hearing of arrivals after B has left.
    // The server and its runtime are held to the end (`_`-prefixed names, not `..`).
    let Threaded {
        server_rt: _server_rt,
        rt,
        s: _s,
        ws,
    } = threaded("/echo?deflate=0");
    const N: usize = 300;
    let receiver = {
        let (ws, rt) = (ws.clone(), rt.clone());
        std::thread::spawn(move || {
            (0..N)
                .map(|_| {
                    rt.block_on(async { tokio::time::timeout(WAIT, ws.recv()).await })
                        .expect("an echo within the wait")
                        .expect("recv")
                })
                .collect::<Vec<_>>()
        })
    };
    for i in 0..N {
        // Sizes from 0 to ~200 KiB: some sends need several writes, while A reads.
        let msg = vec![(i % 251) as u8; (i * 677) % (200 << 10)];
        // Written before the call returns, as the sync Python client sends: the call waits
        // while A is waiting too.
        rt.block_on(async {
            ws.send_binary(msg).await?;
            ws.flush().await
        })
        .expect("send");
        if i % 50 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let got = receiver.join().expect("receiver thread");
    for (i, m) in got.iter().enumerate() {
        assert_eq!(
            m,
            &Message::Binary(vec![(i % 251) as u8; (i * 677) % (200 << 10)].into()),
            "message {i}"
        );
    }
    assert_eq!(
        rt.block_on(ws.close(1000, ""))
            .expect("close")
            .map(|f| f.code),
        Some(1000)
    );
}

#[test]
fn terminate_from_another_thread_ends_a_waiting_recv() {
    let Threaded {
        server_rt,
        rt,
        s,
        ws,
    } = threaded("/echo?deflate=0");
    let receiver = {
        let (ws, rt) = (ws.clone(), rt.clone());
        std::thread::spawn(move || {
            rt.block_on(async { tokio::time::timeout(WAIT, ws.recv()).await })
        })
    };
    std::thread::sleep(Duration::from_millis(100));
    ws.terminate();
    let got = receiver.join().expect("receiver thread");
    let err = got
        .expect("recv ends before the wait")
        .expect_err("terminated");
    assert_eq!(
        err.websocket_error(),
        Some(&WebSocketError::Closed),
        "{err}"
    );
    // The connection is gone, not left open until the handle is dropped.
    let c = server_rt
        .block_on(s.ended(WAIT))
        .expect("the server saw the connection end");
    assert!(
        c.frames.iter().all(|f| f.opcode != 0x8),
        "no close handshake"
    );
}

#[tokio::test]
async fn a_ping_that_comes_between_calls_is_answered_by_the_next_one_in_order() {
    // A ping that arrives while no call waits is answered once one does, before anything
    // else is sent; the messages around it arrive in order.
    let s = server().await;
    let ws = open(
        &s,
        &raw(&[
            server_frame(0x1, b"one", false),
            server_frame(0x9, b"p", false),
            server_frame(0x1, b"two", false),
        ]),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        ws.try_recv().expect("try_recv"),
        Some(Message::Text("one".into()))
    );
    assert_eq!(ws.recv().await.expect("ping"), Message::Ping("p".into()));
    assert_eq!(ws.recv().await.expect("two"), Message::Text("two".into()));
    ws.close(1000, "").await.expect("close");
    let frames = sent(&s).await;
    assert_eq!(
        frames.first().map(|f| (f.opcode, f.payload.clone())),
        Some((0xa, b"p".to_vec()))
    );
}

#[test]
fn a_call_that_ends_leaves_the_waiting_one_woken() {
    // A waits in recv; B sends and flushes (its call waits too, then ends) before anything
    // arrives. The server's frame comes 300 ms later: A must hear of it, although the
    // connection last ran in B's call.
    let target = format!(
        "/raw?deflate=0&pause=300&then=hold&hex=,{}",
        hex::encode(server_frame(0x1, b"late", false))
    );
    let Threaded {
        server_rt: _server_rt,
        rt,
        s: _s,
        ws,
    } = threaded(&target);
    let receiver = {
        let (ws, rt) = (ws.clone(), rt.clone());
        std::thread::spawn(move || {
            rt.block_on(async { tokio::time::timeout(WAIT, ws.recv()).await })
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    rt.block_on(async {
        ws.send_text("from b").await?;
        ws.flush().await
    })
    .expect("send");
    let got = receiver.join().expect("receiver thread");
    assert_eq!(
        got.expect("woken within the wait").expect("recv"),
        Message::Text("late".into())
    );
}

#[test]
fn a_send_is_written_before_it_returns() {
    // Nothing drives the connection after the call: what it did not write is never sent.
    let Threaded {
        server_rt,
        rt,
        s,
        ws,
    } = threaded("/echo?deflate=0");
    rt.block_on(ws.send_text("before returning")).expect("send");
    std::thread::sleep(Duration::from_millis(200));
    drop(ws);
    let c = server_rt
        .block_on(s.ended(WAIT))
        .expect("the server saw the connection end");
    assert!(
        c.frames
            .iter()
            .any(|f| f.opcode == 0x1 && f.payload == b"before returning"),
        "the message was not written: {:?}",
        c.frames
    );
}

//! `mummer demo`: the engine at work against an embedded loopback HTTPS server, with no
//! internet. Every step checks its own result; the demo exits non-zero if any check fails.

use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use mummer::Client;
use mummer_testkit::{CaptureServer, ContentOptions, ContentServer, TestCa, pattern};
use sha2::{Digest, Sha256};

/// Options of `mummer demo`.
#[derive(Args, Debug)]
pub(crate) struct DemoArgs {
    /// Size of the streamed download, in MiB.
    #[arg(long, default_value_t = 256)]
    download_mib: u64,
}

struct Report {
    failures: usize,
}

impl Report {
    fn check(&mut self, ok: bool, what: &str, detail: &str) {
        let mark = if ok { "ok  " } else { "FAIL" };
        println!("  [{mark}] {what:<44} {detail}");
        if !ok {
            self.failures += 1;
        }
    }
}

pub(crate) async fn run(args: DemoArgs) -> ExitCode {
    match demo(args).await {
        Ok(0) => {
            println!("\nall checks passed");
            ExitCode::SUCCESS
        }
        Ok(n) => {
            println!("\n{n} check(s) failed");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("mummer demo: {e}");
            ExitCode::from(1)
        }
    }
}

async fn demo(args: DemoArgs) -> Result<usize, mummer::Error> {
    let ca = TestCa::new();
    let server =
        ContentServer::start(ContentOptions::tls(ca.issue(&["localhost", "127.0.0.1"]))).await;
    let port = server.port();
    let base = format!("https://localhost:{port}");
    println!("embedded HTTPS server on 127.0.0.1:{port} (throwaway CA, HTTP/2 and HTTP/1.1)\n");

    // `resolve` pins localhost to loopback the way curl's --resolve does.
    let addr = server.addr();
    let h2 = Client::builder()
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("localhost", port, addr)
        .build()?;
    let h1 = Client::builder()
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("localhost", port, addr)
        .http1_only()
        .build()?;
    let mut report = Report { failures: 0 };

    println!("requests");
    for (client, label) in [(&h2, "HTTP/2"), (&h1, "HTTP/1.1")] {
        let response = client.get(&format!("{base}/small")).send().await?;
        let version = format!("{:?}", response.version());
        let status = response.status();
        let text = response.text().await?;
        report.check(
            status == 200 && text == "hello, world\n",
            &format!("GET /small over {label}"),
            &format!("{status} {version} body={text:?}"),
        );
    }
    for coding in ["gzip", "br", "zstd", "deflate"] {
        let n = 1_000_000usize;
        let response = h2.get(&format!("{base}/{coding}/{n}")).send().await?;
        let body = response.bytes().await?;
        report.check(
            body.len() == n && pattern::verify(0, &body).is_ok(),
            &format!("GET /{coding}/{n} decoded"),
            &format!("{} bytes", body.len()),
        );
    }

    println!("\nstreamed download");
    for (client, label) in [(&h2, "HTTP/2"), (&h1, "HTTP/1.1")] {
        let n = args.download_mib * 1024 * 1024;
        let expected = expected_sha256(n);
        let started = Instant::now();
        let mut response = client.get(&format!("{base}/bytes/{n}")).send().await?;
        let mut hasher = Sha256::new();
        let mut received = 0u64;
        while let Some(chunk) = response.chunk().await? {
            received += chunk.len() as u64;
            hasher.update(&chunk);
        }
        let elapsed = started.elapsed().as_secs_f64();
        let got = hex::encode(hasher.finalize());
        report.check(
            received == n && got == expected,
            &format!("{} MiB over {label}, SHA-256 verified", args.download_mib),
            &format!(
                "{:.0} MiB/s, sha256 {}…",
                received as f64 / elapsed / 1048576.0,
                &got[..16]
            ),
        );
    }

    println!("\na body cut short is an error, never a shorter body");
    for (client, label) in [(&h1, "HTTP/1.1"), (&h2, "HTTP/2")] {
        let n = 1_000_000;
        let mut response = client.get(&format!("{base}/truncated/{n}")).send().await?;
        let mut received = 0usize;
        let outcome = loop {
            match response.chunk().await {
                Ok(Some(chunk)) => received += chunk.len(),
                Ok(None) => break None,
                Err(e) => break Some(e),
            }
        };
        match outcome {
            Some(e) => report.check(
                e.is_body(),
                &format!("/truncated/{n} over {label}"),
                &format!("error after {received} bytes: {}", e.kind()),
            ),
            None => report.check(
                false,
                &format!("/truncated/{n} over {label}"),
                &format!("ended cleanly after {received} bytes"),
            ),
        }
    }

    println!("\nimpersonation: what a fingerprinting server sees of each request");
    let capture = CaptureServer::start(ca.issue(&["localhost"])).await;
    for profile in ["chrome", "firefox"] {
        for http1 in [false, true] {
            let mut builder = Client::builder()
                .impersonate(profile)
                .add_root_certificate_pem(ca.ca_pem().as_bytes())
                .resolve("localhost", capture.port(), capture.addr());
            if http1 {
                builder = builder.http1_only();
            }
            let client = builder.build()?;
            let url = format!("https://localhost:{}/", capture.port());
            client.get(&url).send().await?.bytes().await?;
            let Some(seen) = capture.captures().pop() else {
                report.check(false, &format!("{profile} captured"), "no capture");
                continue;
            };
            let ja4 = seen.tls.as_ref().map(|t| t.ja4.clone()).unwrap_or_default();
            let detail = match (&seen.h2, &seen.h1) {
                (Some(h2), _) => format!("JA4 {ja4}  Akamai {}", h2.akamai()),
                (None, Some(h1)) => format!("JA4 {ja4}  {}", h1.header_names().join(",")),
                _ => format!("JA4 {ja4}"),
            };
            let label = if http1 { "HTTP/1.1" } else { "HTTP/2" };
            report.check(!ja4.is_empty(), &format!("{profile} over {label}"), &detail);
        }
    }
    Ok(report.failures)
}

/// The SHA-256 the server's deterministic pattern must hash to.
fn expected_sha256(n: u64) -> String {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut offset = 0u64;
    while offset < n {
        let len = (n - offset).min(buf.len() as u64) as usize;
        pattern::fill(offset, &mut buf[..len]);
        hasher.update(&buf[..len]);
        offset += len as u64;
    }
    hex::encode(hasher.finalize())
}

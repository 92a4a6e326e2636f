//! PEM reading and the rustls crypto provider (ring), for the client's and the server's TLS
//! configurations.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// Why PEM data or a TLS configuration could not be used; the text says which part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct TlsError(pub(crate) String);

impl TlsError {
    /// `what: rustls's reason`.
    pub(crate) fn rustls(what: &str) -> impl FnOnce(rustls::Error) -> TlsError + '_ {
        move |e| TlsError(format!("{what}: {e}"))
    }
}

/// The crypto provider every configuration is built with.
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// All certificates in PEM data; none at all is an error.
pub(crate) fn certs_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError(format!("reading PEM certificates: {e}")))?;
    if certs.is_empty() {
        return Err(TlsError("no certificate in the PEM data".into()));
    }
    Ok(certs)
}

/// The first private key in PEM data.
pub(crate) fn key_from_pem(pem: &[u8]) -> Result<PrivateKeyDer<'static>, TlsError> {
    PrivateKeyDer::from_pem_slice(pem)
        .map_err(|e| TlsError(format!("reading the PEM private key: {e}")))
}

//! The client's TLS for `wss://` (rustls with the `ring` provider).

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::Error;
use crate::transport::tls::{TlsError, certs_from_pem, key_from_pem, provider};

/// TLS settings of a client: which servers to trust and which certificate to present.
///
/// The default trusts the operating system's certificate store (where a site's own CA is
/// usually installed) and the Mozilla roots bundled by `webpki-roots`, and presents no client
/// certificate.
#[derive(Clone, Default)]
pub struct TlsOptions {
    pub(crate) skip_system_roots: bool,
    pub(crate) skip_webpki_roots: bool,
    pub(crate) ca_pem: Vec<Vec<u8>>,
    pub(crate) client_cert: Option<(Vec<u8>, Vec<u8>)>,
    pub(crate) accept_invalid_certs: bool,
    pub(crate) config: Option<Arc<ClientConfig>>,
}

impl std::fmt::Debug for TlsOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsOptions")
            .field("skip_system_roots", &self.skip_system_roots)
            .field("skip_webpki_roots", &self.skip_webpki_roots)
            .field("custom_cas", &self.ca_pem.len())
            .field("client_cert", &self.client_cert.is_some())
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("custom_config", &self.config.is_some())
            .finish()
    }
}

fn tls_err(what: &str) -> impl FnOnce(rustls::Error) -> Error + '_ {
    move |e| Error::TlsConfig(format!("{what}: {e}"))
}

impl From<TlsError> for Error {
    fn from(e: TlsError) -> Self {
        Error::TlsConfig(e.0)
    }
}

impl TlsOptions {
    /// The rustls client configuration these options describe.
    pub(crate) fn client_config(&self) -> Result<Arc<ClientConfig>, Error> {
        if let Some(c) = &self.config {
            return Ok(c.clone());
        }
        let provider = provider();
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(tls_err("protocol versions"))?;
        let builder = if self.accept_invalid_certs {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AcceptAnyCert(
                    provider.signature_verification_algorithms,
                )))
        } else {
            let mut roots = RootCertStore::empty();
            if !self.skip_system_roots {
                // Unreadable or unparsable system certificates are skipped, as browsers do;
                // the other roots and any custom CA still apply.
                let system = rustls_native_certs::load_native_certs();
                let (added, ignored) = roots.add_parsable_certificates(system.certs);
                tracing::debug!(
                    added,
                    ignored,
                    errors = system.errors.len(),
                    "system TLS roots"
                );
            }
            if !self.skip_webpki_roots {
                roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            for pem in &self.ca_pem {
                for cert in certs_from_pem(pem)? {
                    roots
                        .add(cert)
                        .map_err(tls_err("adding a CA certificate"))?;
                }
            }
            builder.with_root_certificates(roots)
        };
        let config = match &self.client_cert {
            Some((cert, key)) => builder
                .with_client_auth_cert(certs_from_pem(cert)?, key_from_pem(key)?)
                .map_err(tls_err("client certificate"))?,
            None => builder.with_no_client_auth(),
        };
        Ok(Arc::new(config))
    }
}

/// Accepts every server certificate (signatures are still checked): for tests only.
#[derive(Debug)]
struct AcceptAnyCert(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for AcceptAnyCert {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

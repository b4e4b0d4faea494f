package dev.agentkanban.gpg;

import dev.agentkanban.auth.jwt.Base64Url;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/**
 * The OpenPGP key material of auth spec 8.1 and 8.2: one v4 root key per owner (EdDSA legacy on
 * Ed25519, certify and sign, plus an ECDH Curve25519 encryption subkey, unencrypted) and one
 * Ed25519 signing subkey per agent, whose raw key is also the agent's delegation key.
 */
public final class OpenPgp {

    private static final String NAME = "Agent Kanban";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenPgp() {
    }

    /** A fresh agent signing key; its OpenPGP identity is fixed by the key and its creation time. */
    public record Subkey(PGPKeyPair pair, byte[] seed, byte[] publicKey) {

        /** The agent id: key ID as 16 lowercase hex. */
        public String keyId() {
            return String.format("%016x", pair.getKeyID());
        }

        public String fingerprint() {
            return Hex.toHexString(pair.getPublicKey().getFingerprint());
        }

        public String publicKeyText() {
            return Base64Url.encode(publicKey);
        }

        /** The JWK the agent row stores as {@code private_key}. */
        public String privateJwk() {
            return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + publicKeyText() + "\",\"d\":\""
                    + Base64Url.encode(seed) + "\"}";
        }
    }

    /** A root key ring and its two armors. */
    public record Root(PGPSecretKeyRing ring, String armoredSecret, String armoredPublic, String fingerprint) {
    }

    public static Subkey newSubkey() {
        Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(RANDOM);
        byte[] publicKey = secret.generatePublicKey().getEncoded();
        return new Subkey(ed25519Pair(secret), secret.getEncoded(), publicKey);
    }

    public static Root newRoot(String ownerEmail) {
        try {
            PGPKeyPair primary = ed25519Pair(new Ed25519PrivateKeyParameters(RANDOM));
            X25519PrivateKeyParameters x = new X25519PrivateKeyParameters(RANDOM);
            PGPKeyPair encryption = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH,
                    new AsymmetricCipherKeyPair(x.generatePublicKey(), x), new Date());

            PGPSignatureSubpacketGenerator uid = userIdSubpackets(true);
            PGPSignatureSubpacketGenerator enc = new PGPSignatureSubpacketGenerator();
            enc.setSignatureCreationTime(true, new Date());
            enc.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);

            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                    userId(ownerEmail), sha1(), uid.generate(), null, signer(), null);
            generator.addSubKey(encryption, enc.generate(), null);
            return root(generator.generateSecretKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException("cannot create an OpenPGP root key", e);
        }
    }

    /**
     * Adds the agent's e-mail as a user id (unless present; the first user id stays primary) and
     * binds the subkey for signing, with the subkey's back-signature embedded.
     */
    public static Root addAgent(Root root, String email, Subkey subkey) {
        try {
            PGPSecretKeyRing ring = root.ring();
            PGPSecretKey primarySecret = ring.getSecretKey();
            PGPPrivateKey primaryKey = primarySecret.extractPrivateKey(null);
            PGPPublicKey primary = primarySecret.getPublicKey();
            String id = userId(email);
            if (!hasUserId(primary, id)) {
                PGPSignatureGenerator certifier = new PGPSignatureGenerator(signer(), primary);
                certifier.init(PGPSignature.POSITIVE_CERTIFICATION, primaryKey);
                certifier.setHashedSubpackets(userIdSubpackets(false).generate());
                primary = PGPPublicKey.addCertification(primary, id, certifier.generateCertification(id, primary));
                ring = PGPSecretKeyRing.insertSecretKey(ring, PGPSecretKey.replacePublicKey(primarySecret, primary));
            }

            PGPPublicKey sub = subkey.pair().getPublicKey();
            PGPSignatureGenerator back = new PGPSignatureGenerator(signer(), sub);
            back.init(PGPSignature.PRIMARYKEY_BINDING, subkey.pair().getPrivateKey());
            PGPSignatureSubpacketGenerator backPackets = new PGPSignatureSubpacketGenerator();
            backPackets.setSignatureCreationTime(true, new Date());
            back.setHashedSubpackets(backPackets.generate());
            PGPSignature backSignature = back.generateCertification(primary, sub);

            PGPSignatureGenerator binder = new PGPSignatureGenerator(signer(), primary);
            binder.init(PGPSignature.SUBKEY_BINDING, primaryKey);
            PGPSignatureSubpacketGenerator binding = new PGPSignatureSubpacketGenerator();
            binding.setSignatureCreationTime(true, new Date());
            binding.setKeyFlags(true, KeyFlags.SIGN_DATA);
            binding.setEmbeddedSignature(false, backSignature);
            binder.setHashedSubpackets(binding.generate());
            PGPPublicKey bound = PGPPublicKey.addCertification(sub, binder.generateCertification(primary, sub));

            PGPSecretKey secretSub = new PGPSecretKey(subkey.pair().getPrivateKey(), bound, sha1(), false, null);
            return root(PGPSecretKeyRing.insertSecretKey(ring, secretSub));
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("cannot add an agent subkey", e);
        }
    }

    /** Reads a stored armored secret ring back. */
    public static Root parse(String armoredSecret) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredSecret.getBytes(StandardCharsets.US_ASCII)))) {
            return root(new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator()));
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("stored OpenPGP key does not parse", e);
        }
    }

    public static String userId(String email) {
        return NAME + " <" + email + ">";
    }

    private static Root root(PGPSecretKeyRing ring) {
        try {
            return new Root(ring, armor(ring.getEncoded()), armor(ring.toCertificate().getEncoded()),
                    Hex.toHexString(ring.getPublicKey().getFingerprint()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PGPSignatureSubpacketGenerator userIdSubpackets(boolean primary) {
        PGPSignatureSubpacketGenerator p = new PGPSignatureSubpacketGenerator();
        p.setSignatureCreationTime(true, new Date());
        p.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        p.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256});
        p.setPreferredSymmetricAlgorithms(false,
                new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
        p.setPreferredCompressionAlgorithms(false,
                new int[] {CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.ZIP});
        p.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        if (primary) {
            p.setPrimaryUserID(false, true);
        }
        return p;
    }

    private static boolean hasUserId(PGPPublicKey key, String id) {
        for (Iterator<String> ids = key.getUserIDs(); ids.hasNext(); ) {
            if (ids.next().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static PGPKeyPair ed25519Pair(Ed25519PrivateKeyParameters secret) {
        try {
            return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                    new AsymmetricCipherKeyPair(secret.generatePublicKey(), secret), new Date());
        } catch (PGPException e) {
            throw new IllegalStateException("cannot wrap an Ed25519 key", e);
        }
    }

    private static BcPGPContentSignerBuilder signer() {
        return new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256);
    }

    private static PGPDigestCalculator sha1() {
        try {
            return new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armor(byte[] encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 4 / 3 + 128);
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armored.write(encoded);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}

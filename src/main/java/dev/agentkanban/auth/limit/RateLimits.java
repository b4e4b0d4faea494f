package dev.agentkanban.auth.limit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The limits on the surfaces an attacker without credentials (or with a stolen login) can
 * hammer: sign-in, sign-up and API-key creation. Nothing the daemon does in normal operation
 * (heartbeats, polling, claims, agent calls) passes through here.
 *
 * <p>Sign-in is limited twice: every attempt from one client address takes a token of that
 * address, so one source cannot spray many accounts; and every failed attempt on one account takes
 * a token of that account, so many sources cannot guess one password. The account's token is taken
 * before the password is checked and given back when it was right, so parallel guesses cannot all
 * slip past the check. While an account's tokens are used up, every sign-in to it is refused
 * without checking the password (otherwise the answer would still tell a right guess), including
 * its owner's from elsewhere; a token comes back every period/count, so the owner waits at most
 * that long once the failures stop.
 */
@ApplicationScoped
public class RateLimits {

    private final KeyedLimiter signInsPerAddress;
    private final KeyedLimiter signInFailuresPerAccount;
    private final KeyedLimiter signUpsPerAddress;
    private final KeyedLimiter apiKeysPerUser;

    RateLimits(LimitConfig config) {
        this.signInsPerAddress = new KeyedLimiter(Limit.parse(config.signInPerAddress()));
        this.signInFailuresPerAccount = new KeyedLimiter(Limit.parse(config.signInFailuresPerAccount()));
        this.signUpsPerAddress = new KeyedLimiter(Limit.parse(config.signUpPerAddress()));
        this.apiKeysPerUser = new KeyedLimiter(Limit.parse(config.apiKeysPerUser()));
    }

    /** Before a password is checked: takes a token of the address, then one of the account. */
    public void signInAttempt(String address, String account) {
        refuseIf(signInsPerAddress.take(address), "Too many sign-in attempts from this address");
        refuseIf(signInFailuresPerAccount.take(account), "Too many failed sign-ins for this account");
    }

    /** The password was right: the account's token was not a failure. */
    public void signInSucceeded(String account) {
        signInFailuresPerAccount.giveBack(account);
    }

    public void signUpAttempt(String address) {
        refuseIf(signUpsPerAddress.take(address), "Too many sign-ups from this address");
    }

    public void apiKeyCreation(String userId) {
        refuseIf(apiKeysPerUser.take(userId), "Too many API keys created by this user");
    }

    private static void refuseIf(Duration wait, String what) {
        if (wait != null) {
            long seconds = RateLimited.seconds(wait);
            throw new RateLimited(what + "; try again in " + seconds + " s", seconds, true);
        }
    }
}

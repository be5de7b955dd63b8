package dev.dapple.database;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown to people: never with a password. */
public final class DatabaseUrl {

    // user:password@ in authority form, and password=... as a query or H2 setting.
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    private DatabaseUrl() {
    }

    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("//$1:****@");
        return PASSWORD_PARAM.matcher(withoutUserInfo).replaceAll("$1****");
    }

    /** The database product the URL names, for logs and the health line. */
    public static String vendor(String url) {
        if (url == null) {
            return "unknown";
        }
        if (url.startsWith("jdbc:h2:")) {
            return "H2";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL";
        }
        return url.startsWith("jdbc:") ? url.substring(5, Math.max(5, url.indexOf(':', 5))) : "unknown";
    }
}

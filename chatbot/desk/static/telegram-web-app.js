/*
 * councilbot's stand-in for Telegram's telegram-web-app.js (MIT, part of councilbot; see
 * LICENSE.txt). It implements only what the Clerk's desk uses of window.Telegram.WebApp:
 * initData and initDataUnsafe read from the URL fragment Telegram opens a Mini App with
 * (#tgWebAppData=...&tgWebAppVersion=...&tgWebAppPlatform=...&tgWebAppThemeParams=...),
 * themeParams, colorScheme, the theme's CSS variables (--tg-theme-bg-color and the rest),
 * ready(), expand(), and MainButton / BackButton as no-ops. Telegram's official script can
 * replace this file unchanged.
 */
(function () {
  "use strict";

  var STORE = "councilbot-desk-launch";

  function fields(text) {
    var out = {};
    new URLSearchParams(text || "").forEach(function (value, key) {
      out[key] = value;
    });
    return out;
  }

  function launchParams() {
    var fromHash = fields(window.location.hash.replace(/^#/, ""));
    if (fromHash.tgWebAppData) {
      try {
        window.sessionStorage.setItem(STORE, JSON.stringify(fromHash));
      } catch (ignored) {
        /* storage may be off: the fragment still works for this page */
      }
      return fromHash;
    }
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE) || "{}");
    } catch (ignored) {
      return {};
    }
  }

  function unsafeData(initData) {
    var out = {};
    var raw = fields(initData);
    Object.keys(raw).forEach(function (key) {
      var value = raw[key];
      if (key === "user" || key === "receiver" || key === "chat") {
        try {
          out[key] = JSON.parse(value);
        } catch (ignored) {
          out[key] = null;
        }
      } else if (key === "auth_date") {
        out[key] = parseInt(value, 10);
      } else {
        out[key] = value;
      }
    });
    return out;
  }

  function isDark(colour) {
    var match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || "");
    if (!match) {
      return null;
    }
    var r = parseInt(match[1], 16), g = parseInt(match[2], 16), b = parseInt(match[3], 16);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  }

  var launch = launchParams();
  var themeParams = {};
  try {
    themeParams = JSON.parse(launch.tgWebAppThemeParams || "{}") || {};
  } catch (ignored) {
    themeParams = {};
  }
  var dark = isDark(themeParams.bg_color);
  if (dark === null) {
    dark = !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  var colorScheme = dark ? "dark" : "light";

  function applyTheme() {
    var style = document.documentElement.style;
    Object.keys(themeParams).forEach(function (key) {
      if (/^[a-z_]+$/.test(key) && typeof themeParams[key] === "string") {
        style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), themeParams[key]);
      }
    });
    style.setProperty("--tg-color-scheme", colorScheme);
    style.setProperty("--tg-viewport-height", window.innerHeight + "px");
    style.setProperty("--tg-viewport-stable-height", window.innerHeight + "px");
    document.documentElement.setAttribute("data-color-scheme", colorScheme);
  }

  function button() {
    var self = {
      text: "",
      isVisible: false,
      isActive: true,
      setText: function (text) {
        self.text = String(text);
        return self;
      },
      show: function () {
        self.isVisible = true;
        return self;
      },
      hide: function () {
        self.isVisible = false;
        return self;
      },
      enable: function () {
        self.isActive = true;
        return self;
      },
      disable: function () {
        self.isActive = false;
        return self;
      },
      onClick: function () {
        return self;
      },
      offClick: function () {
        return self;
      },
      setParams: function () {
        return self;
      }
    };
    return self;
  }

  var initData = launch.tgWebAppData || "";
  var webApp = {
    initData: initData,
    initDataUnsafe: unsafeData(initData),
    version: launch.tgWebAppVersion || "6.0",
    platform: launch.tgWebAppPlatform || "unknown",
    themeParams: themeParams,
    colorScheme: colorScheme,
    isExpanded: false,
    viewportHeight: window.innerHeight,
    viewportStableHeight: window.innerHeight,
    MainButton: button(),
    SecondaryButton: button(),
    BackButton: button(),
    ready: function () {
      applyTheme();
    },
    expand: function () {
      webApp.isExpanded = true;
    },
    close: function () {},
    onEvent: function () {},
    offEvent: function () {},
    isVersionAtLeast: function (wanted) {
      var have = String(webApp.version).split(".").map(Number);
      var want = String(wanted).split(".").map(Number);
      for (var i = 0; i < Math.max(have.length, want.length); i += 1) {
        var a = have[i] || 0, b = want[i] || 0;
        if (a !== b) {
          return a > b;
        }
      }
      return true;
    }
  };
  applyTheme();
  window.Telegram = window.Telegram || {};
  window.Telegram.WebApp = webApp;
})();

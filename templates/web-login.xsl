<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-login.xsl — the login form (HTTP.md §2): fields user, password and
  next; <login user next><error/></login>.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:template match="login">
    <form class="login card" method="post" action="/login">
      <xsl:if test="error">
        <p class="error" role="alert"><xsl:value-of select="error"/></p>
      </xsl:if>
      <label for="user">用户名</label>
      <input id="user" name="user" type="text" autocomplete="username" required="required"
             value="{@user}" autofocus="autofocus"/>
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password"
             required="required"/>
      <xsl:if test="@next">
        <input type="hidden" name="next" value="{@next}"/>
      </xsl:if>
      <button type="submit" class="primary">登录</button>
    </form>
  </xsl:template>
</xsl:stylesheet>

"""WeChat's wire format: signatures, safe-mode AES, message XML and reply XML.

The only module that imports wechatpy. Every body is first parsed by defusedxml with DTDs
forbidden, so entity-expansion bombs and external entities (XXE) are rejected before wechatpy's
own parser (xmltodict over expat) ever sees them; that holds for the decrypted safe-mode payload
too.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from assistant.wechat.errors import WeChatSignatureError, WeChatXmlError


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message or event pushed by WeChat.

    ``kind`` is WeChat's MsgType (``text``, ``voice``, ``event``, ``image``...); ``text`` is the
    typed text, or for voice WeChat's own recognition when the account has it switched on;
    ``event`` is the lower-cased event name for ``kind == "event"``.
    """

    kind: str
    open_id: str
    account: str
    create_time: int
    msg_id: str = ""
    text: str = ""
    media_id: str = ""
    event: str = ""

    @property
    def dedupe_key(self) -> str:
        # WeChat's advice: MsgId for messages, FromUserName + CreateTime for events.
        return self.msg_id or f"{self.open_id}:{self.create_time}:{self.kind}:{self.event}"


@dataclass(frozen=True, slots=True)
class Decoded:
    inbound: Inbound
    encrypted: bool  # the reply must be encrypted too


# The signature covers only timestamp and nonce (in plaintext mode not the body), so a captured
# query would otherwise be replayable forever with any body. WeChat signs each push when it
# sends it and retries within about 15 s; five minutes leaves room for clock skew.
MAX_CALLBACK_AGE_S = 300.0


class Codec:
    """Checks and decodes callbacks for one official account; renders its replies."""

    def __init__(self, *, token: str, encoding_aes_key: str | None = None,
                 app_id: str | None = None, max_age_s: float = MAX_CALLBACK_AGE_S) -> None:
        self.token = token
        self.max_age_s = max_age_s
        self.crypto: WeChatCrypto | None = None
        if encoding_aes_key:
            if not app_id:
                raise ValueError("safe mode needs the app ID")
            self.crypto = WeChatCrypto(token, encoding_aes_key, app_id)

    def verify(self, query: Mapping[str, str]) -> None:
        """``WeChatSignatureError`` unless ``signature`` signs ``timestamp`` and ``nonce``."""
        try:
            check_signature(self.token, query.get("signature", ""), query.get("timestamp", ""),
                            query.get("nonce", ""))
        except InvalidSignatureException as e:
            raise WeChatSignatureError("bad signature") from e
        stamp = query.get("timestamp", "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > self.max_age_s:
            raise WeChatSignatureError(f"timestamp {stamp[:20]!r} outside ±{self.max_age_s:g} s")

    def decode(self, body: bytes, query: Mapping[str, str]) -> Decoded:
        """Verify and parse one POSTed callback (plaintext or ``encrypt_type=aes``)."""
        self.verify(query)
        root = safe_xml(body)
        encrypted = query.get("encrypt_type", "raw").lower() == "aes"
        if encrypted:
            body = self._decrypt(root, query)
            safe_xml(body)
        return Decoded(_inbound(body), encrypted)

    def _decrypt(self, root: Element, query: Mapping[str, str]) -> bytes:
        if self.crypto is None:
            raise WeChatXmlError("encrypted callback but no EncodingAESKey configured")
        encrypt = root.findtext("Encrypt")
        if not encrypt:
            raise WeChatXmlError("no Encrypt element")
        try:
            plain = self.crypto.decrypt_message({"Encrypt": encrypt}, query.get("msg_signature", ""),
                                                query.get("timestamp", ""), query.get("nonce", ""))
        except (InvalidSignatureException, InvalidAppIdException) as e:
            raise WeChatSignatureError("bad msg_signature or app ID") from e
        except Exception as e:  # bad base64, padding or UTF-8: wechatpy raises assorted types
            raise WeChatXmlError(f"undecryptable payload: {type(e).__name__}") from e
        return plain.encode("utf-8") if isinstance(plain, str) else bytes(plain)

    def render_text(self, inbound: Inbound, content: str, *, encrypted: bool,
                    nonce: str = "") -> str:
        """The passive reply XML (encrypted when the callback was)."""
        reply = TextReply(source=_cdata_safe(inbound.account), target=_cdata_safe(inbound.open_id),
                          content=_cdata_safe(content), time=int(time.time()))
        xml: str = reply.render()
        if not encrypted:
            return xml
        if self.crypto is None:
            raise WeChatXmlError("cannot encrypt without an EncodingAESKey")
        return str(self.crypto.encrypt_message(xml, nonce or str(time.time_ns()),
                                               str(int(time.time()))))


def safe_xml(body: bytes) -> Element:
    """The root ``<xml>`` element; ``WeChatXmlError`` for malformed XML, any DTD or entity."""
    if not body.strip():
        raise WeChatXmlError("empty body")
    try:
        root = safe_fromstring(body, forbid_dtd=True, forbid_entities=True,
                               forbid_external=True)
    except DefusedXmlException as e:
        raise WeChatXmlError(f"forbidden XML construct: {type(e).__name__}") from e
    except (ParseError, ValueError) as e:
        raise WeChatXmlError("malformed XML") from e
    if root.tag != "xml":
        raise WeChatXmlError(f"unexpected root <{root.tag[:20]}>")
    return root


def _inbound(body: bytes) -> Inbound:
    try:
        msg: Any = parse_message(body.decode("utf-8"))
        data: Mapping[str, Any] = msg._data  # wechatpy keeps the raw fields here
        kind = str(data["MsgType"]).lower()
        return Inbound(
            kind=kind,
            open_id=_field(data, "FromUserName", required=True),
            account=_field(data, "ToUserName", required=True),
            create_time=int(data.get("CreateTime") or 0),
            msg_id=_field(data, "MsgId"),
            text=_field(data, "Content" if kind == "text" else "Recognition"),
            media_id=_field(data, "MediaId"),
            event=_field(data, "Event").lower(),
        )
    except WeChatXmlError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError) as e:
        raise WeChatXmlError(f"not a WeChat message: {type(e).__name__}") from e


def _field(data: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name)
    if value is None or isinstance(value, dict | list):  # nested or repeated: not ours
        if required:
            raise WeChatXmlError(f"missing {name}")
        return ""
    return str(value)


def _cdata_safe(text: str) -> str:
    # wechatpy writes values into CDATA sections verbatim; "]]>" would end one early.
    return text.replace("]]>", "]] >")

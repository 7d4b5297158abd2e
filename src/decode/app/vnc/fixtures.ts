/**
 * VNC fixtures from real captures (test/golden/vnc): in array order a TigerVNC 1.12 viewer
 * (`xtigervncviewer -passwd FILE`) and a TigerVNC Xvnc server with VNC authentication (RFB
 * 3.8): versions, security types, challenge and response, result, ClientInit, ServerInit,
 * SetEncodings, the server's first messages, then key, pointer and cut-text events of a
 * scripted client; then malformed inputs.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // test/golden/vnc/normal flow 1 frame 4
    name: 'server-protocol-version',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex('524642203030332e3030380a'), // "RFB 003.008\n"
  },
  {
    // frame 6
    name: 'client-protocol-version',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex('524642203030332e3030380a'), // "RFB 003.008\n"
  },
  {
    // frame 8 (mid-handshake pieces carry no version line: the probe says no)
    name: 'security-types',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '01' + // number-of-security-types 1
        '02', // VNC Authentication
    ),
  },
  {
    // frame 9
    name: 'security-choice',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('02'), // chosen: VNC Authentication
  },
  {
    // frame 10
    name: 'vnc-auth-challenge',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex('06664c3fd6c1370b7d03fedfa8209214'), // 16-byte random challenge
  },
  {
    // frame 11
    name: 'vnc-auth-response',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('e4c28c4c4a8ed1b25903d967a80c8cb3'), // DES(challenge, password)
  },
  {
    // frame 12
    name: 'security-result-ok',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex('00000000'), // SecurityResult OK
  },
  {
    // frame 13
    name: 'client-init',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('00'), // shared-flag 0 (exclusive)
  },
  {
    // frame 14
    name: 'server-init',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0280' + // framebuffer-width 640
        '01e0' + // framebuffer-height 480
        '20' + // bits-per-pixel 32
        '18' + // depth 24
        '00' + // big-endian-flag 0
        '01' + // true-colour-flag 1
        '00ff' + // red-max 255
        '00ff' + // green-max 255
        '00ff' + // blue-max 255
        '10' + // red-shift 16
        '08' + // green-shift 8
        '00' + // blue-shift 0
        '000000' + // padding
        '00000009' + // name-length 9
        '706c616e742d686d69', // name "plant-hmi"
    ),
  },
  {
    // frame 15: SetEncodings then FramebufferUpdateRequest
    name: 'set-encodings-and-update-request',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '02' + // SetEncodings
        '00' + // padding
        '0016' + // number-of-encodings 22
        'fffffec6' + // -314 Cursor With Alpha
        '574d5664' + // VMware cursor
        'ffffff11' + // -239 Cursor
        'ffffff10' + // -240 X Cursor
        '574d5666' + // VMware display mode change
        'ffffff21' + // -223 DesktopSize
        'fffffecc' + // -308 ExtendedDesktopSize
        'fffffecd' + // -307 DesktopName
        'ffffff20' + // -224 LastRect
        'c0a1e5ce' + // Extended Clipboard
        'fffffec7' + // -313 ContinuousUpdates
        'fffffec8' + // -312 Fence
        'fffffefe' + // -258 QEMU Extended Key Event
        '00000000' + // Raw
        '00000001' + // CopyRect
        '00000010' + // ZRLE
        '00000007' + // Tight
        '00000005' + // Hextile
        '00000002' + // RRE
        '00000001' + // CopyRect
        'ffffff02' + // -254 Tight compression level 2
        'ffffffe8' + // -24 Tight JPEG quality 8
        '03' + // FramebufferUpdateRequest
        '00' + // incremental 0
        '0000' + // x-position
        '0000' + // y-position
        '0280' + // width 640
        '01e0', // height 480
    ),
  },
  {
    // frame 16: ServerFence, EndOfContinuousUpdates, ServerCutText (Extended Clipboard caps)
    name: 'server-fence-and-clipboard-caps',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      'f8' + // ServerFence
        '000000' + // padding
        '80000000' + // flags: request
        '01' + // length 1
        '00' + // payload
        '96' + // EndOfContinuousUpdates
        '03' + // ServerCutText
        '000000' + // padding
        'fffffff8' + // length -8: Extended Clipboard, 8 bytes
        '1f000001' + // caps flags
        '00000000', // max size
    ),
  },
  {
    // frame 17: FramebufferUpdate of three pseudo-rectangles
    name: 'framebuffer-update-pseudo',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '00' + // FramebufferUpdate
        '00' + // padding
        '0003' + // number-of-rectangles 3
        '0000' + // x
        '0000' + // y
        '0000' + // width 0
        '0000' + // height 0
        'fffffec6' + // -314 Cursor With Alpha
        '00000000' + // inner encoding Raw (0 pixels)
        '0000' + // x
        '0000' + // y
        '0000' + // width
        '0000' + // height
        'fffffefe' + // -258 QEMU Extended Key Event (no data)
        '0000' + // x
        '0000' + // y
        '0280' + // width 640
        '01e0' + // height 480
        'fffffecc' + // -308 ExtendedDesktopSize
        '01' + // number-of-screens 1
        '000000' + // padding
        '6b8b4567' + // screen id
        '0000' + // x
        '0000' + // y
        '0280' + // width
        '01e0' + // height
        '00000000', // flags
    ),
  },
  {
    // test/golden/vnc/normal flow 2 frame 15 (scripted client against Xvnc, security None)
    name: 'input-events-and-cut-text',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '03' + // FramebufferUpdateRequest
        '00' + // incremental 0
        '00000000' + // x, y
        '00100010' + // 16 x 16
        '04' + // KeyEvent
        '01' + // down
        '0000' + // padding
        '00000061' + // key "a"
        '04' + // KeyEvent
        '00' + // up
        '0000' + // padding
        '00000061' + // key "a"
        '04' + // KeyEvent
        '01' + // down
        '0000' + // padding
        '00000064' + // key "d"
        '04' + // KeyEvent
        '00' + // up
        '0000' + // padding
        '00000064' + // key "d"
        '05' + // PointerEvent
        '01' + // button 1
        '0064' + // x 100
        '0050' + // y 80
        '05' + // PointerEvent
        '00' + // no button
        '0065' + // x 101
        '0051' + // y 81
        '06' + // ClientCutText
        '000000' + // padding
        '0000000b' + // length 11
        '636f706965642074657874', // "copied text"
    ),
  },
  {
    // test/golden/vnc/malformed: the reason of a failed SecurityResult after a wrong password
    name: 'security-result-failed',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '00000001' + // SecurityResult failed
        '00000016' + // reason-length 22
        '41757468656e7469636174696f6e206661696c757265', // "Authentication failure"
    ),
  },
  {
    // Hand-built: a version line with letters.
    name: 'bad-version-line',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex('524642203030332e3078380a'), // "RFB 003.0x8\n"
  },
];

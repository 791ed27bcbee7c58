import { defineSettings, httpUrlSetting, type SettingsValues } from '@q2google/core/config';
import { z } from 'zod';

/** The GoPro source's settings (`Q2G_GOPRO_*`); apps compose them with core's. */
export const GOPRO_SETTINGS = defineSettings(
  {
    goproToken: z.string().min(1).optional(),
    goproUserId: z.string().min(1).optional(),
    goproEmail: z.email().optional(),
    goproPassword: z.string().min(1).optional(),
    goproApiUrl: httpUrlSetting().default('https://api.gopro.com'),
    goproTokenFile: z.string().min(1),
    goproClientId: z.string().min(1).optional(),
    goproClientSecret: z.string().min(1).optional(),
  },
  {
    goproToken: { allowed: 'the gp_access_token cookie value from gopro.com', secret: true },
    goproUserId: { allowed: 'the gp_user_id cookie value (a UUID)' },
    goproEmail: { allowed: 'the e-mail address of a GoPro account' },
    goproPassword: { allowed: 'the GoPro account password', secret: true },
    goproApiUrl: { allowed: 'an http(s) URL; default https://api.gopro.com' },
    goproTokenFile: { allowed: 'a file path for the saved GoPro login', file: 'gopro-token.json' },
    goproClientId: { allowed: "the GoPro web app's OAuth client id (for email + password login)" },
    goproClientSecret: {
      allowed: "the GoPro web app's OAuth client secret (for email + password login)",
      secret: true,
    },
  },
);
/** Validated GoPro settings. */
export type GoProSettings = SettingsValues<typeof GOPRO_SETTINGS>;

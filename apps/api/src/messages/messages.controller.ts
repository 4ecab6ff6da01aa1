import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageSender, MessagesService } from '@fairops/messages';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { ListMessagesQuery, MessageDto, MessagePreviewDto } from './message.dto';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly sender: MessageSender,
  ) {}

  @Get()
  @Auth('admin')
  @ApiOperation({ operationId: 'listMessages', summary: 'Messages sent or to send, newest first (admins only): status, tries, the server’s last answer; never a body' })
  @ApiPage(MessageDto)
  @ApiErrors(400)
  async list(@Query() query: ListMessagesQuery): Promise<Page<MessageDto>> {
    const { items, total } = await this.messages.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getMessage', summary: 'One message (admins only)' })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<MessageDto> {
    return this.messages.get(id);
  }

  @Get(':id/preview')
  @Auth('admin')
  @ApiOperation({ operationId: 'previewMessage', summary: 'A message as its recipient sees it (admins only): subject, HTML and text in their language, and the files it carries, composed from today’s data' })
  @ApiOkResponse({ type: MessagePreviewDto })
  @ApiErrors(400, 404)
  preview(@UuidParam('id') id: string): Promise<MessagePreviewDto> {
    return this.sender.preview(id);
  }
}
